// Starts the app. A file of its own because the Content-Security-Policy forbids inline scripts.
const script = document.querySelector("script[data-wasm]");
const { default: init } = await import(script.dataset.js);
await init({ module_or_path: script.dataset.wasm });
