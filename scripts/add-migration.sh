#!/usr/bin/env bash
# Adds a migration for each database provider after a model change: the SQLite one (Data/Migrations) and the
# PostgreSQL one (Data/PostgreSql/Migrations). ./test.sh refuses a model change either of them lacks.
#
#   scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <Name>}

dotnet tool restore >/dev/null
dotnet build src/AbovePT.Web -v q
dotnet ef migrations add "$name" --project src/AbovePT.Web --no-build --context SqliteClinicDbContext --output-dir Data/Migrations
dotnet ef migrations add "$name" --project src/AbovePT.Web --no-build --context PostgreSqlClinicDbContext --output-dir Data/PostgreSql/Migrations
