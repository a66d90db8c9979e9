// Passkeys on the staff pages: the site's only script, and only where WebAuthn itself needs one.
//
// A form marked data-passkey="create" (adding a passkey) or "get" (signing in with one) stays hidden unless this
// browser can make and use passkeys. On submit, the script fetches the ceremony's options from the form's
// data-passkey-options address (a POST carrying the form's antiforgery token), asks the authenticator, puts the
// credential (JSON) in the form's Credential field and submits the form: the server answers with a page, as for
// every other staff form. Nothing here talks to any other site.
"use strict";

(() => {
    const supported = typeof window.PublicKeyCredential === "function"
        && typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function"
        && typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function"
        && typeof PublicKeyCredential.prototype.toJSON === "function";
    if (!supported) {
        return;
    }

    for (const note of document.querySelectorAll("[data-passkey-unsupported]")) {
        note.hidden = true;
    }

    for (const form of document.querySelectorAll("form[data-passkey]")) {
        form.hidden = false;
        form.addEventListener("submit", (event) => {
            event.preventDefault();
            ceremony(form);
        });
    }

    async function ceremony(form) {
        const status = form.querySelector("[data-passkey-status]");
        const button = form.querySelector("button[type=submit]");
        status.textContent = "";
        const name = form.elements.namedItem("Name");
        if (name && name.value.trim() === "") {
            // The server says the same; saying it here spares the device's prompt.
            status.textContent = "Give the passkey a name first, such as the device it is on.";
            name.focus();
            return;
        }

        button.disabled = true;
        try {
            const credential = await ask(form);
            form.elements.namedItem("Credential").value = JSON.stringify(credential.toJSON());
            form.submit();
        } catch (error) {
            status.textContent = explain(error);
            button.disabled = false;
            button.focus();
        }
    }

    async function ask(form) {
        const response = await fetch(form.dataset.passkeyOptions, {
            method: "POST",
            headers: { RequestVerificationToken: form.elements.namedItem("__RequestVerificationToken").value },
            credentials: "same-origin",
        });
        if (!response.ok) {
            const problem = await response.json().catch(() => null);
            throw new ServerRefused(problem && problem.title
                ? problem.title
                : "The site could not start the passkey step just now. Reload the page and try again.");
        }

        const options = await response.json();
        return form.dataset.passkey === "create"
            ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
            : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    }

    function explain(error) {
        if (error instanceof ServerRefused) {
            return error.message;
        }

        switch (error && error.name) {
            case "NotAllowedError":
                return "The passkey step was cancelled or timed out. Press the button to try again.";
            case "InvalidStateError":
                return "This device already has a passkey for your account. Use it, or add one on another device.";
            default:
                return "This browser could not use a passkey just now. Try again, or sign in with your password and code.";
        }
    }

    class ServerRefused extends Error {
    }
})();
