// KoproGo's only script of its own.
//
// No text field sends more than 10,000 characters to the circuit. A longer paste would make the event message larger
// than the hub accepts (Startup: MaximumReceiveMessageSize), and the server would end the circuit: the page dies and
// the form is lost. Every field's own limit is far below this (the longest, a notice's body, is 4,000), so a cut value
// is still too long and the field says "at most N characters"; nothing the user typed is shortened into a valid value.
// Runs in the capture phase on window, before Blazor's handlers read the value.
window.addEventListener('input', e => {
    const field = e.target;
    if ((field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement && field.type !== 'file'))
        && field.value.length > 10000) {
        field.value = field.value.slice(0, 10000);
    }
}, true);
