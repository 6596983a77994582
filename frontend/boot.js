// Starts the app. A file of its own because the Content-Security-Policy forbids inline scripts;
// the module and the wasm beside it are found relative to this file.
import init from "./app.js";
await init({ module_or_path: new URL("app_bg.wasm", import.meta.url) });
