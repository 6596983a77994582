// Starts the app. A file of its own because the Content-Security-Policy forbids inline scripts;
// the modules and the wasm beside it are found relative to this file.
//
// Two things start here, beside the app's download instead of after it: the session's
// refresh, whose answer the app takes (`started_refresh` in src/session.rs), and the chunks
// of the page being opened, which the chunk loader then finds on their way.

globalThis.domkomRefresh = fetch("/api/v1/auth/refresh", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: "{}",
});
// Settled by the app; no unhandled rejection before it looks.
globalThis.domkomRefresh.catch(() => {});

// Each chunk group's files, written by spa-build from the split.
const CHUNKS = %CHUNKS%;

// The groups of the page at `path`, as frontend/src/chunks.rs puts the pages in them: an
// account's section in `care` needs the account's frame from `money` too.
function groupsOf(path) {
  const [first, second, third] = path.split("/").filter(Boolean);
  switch (first) {
    case "register": case "activate": case "password": case "email": case "unsubscribe":
    case "profile":
      return ["welcome"];
    case "desk":
      return ["desk"];
    case "accounts":
      if (second !== undefined && second !== "add"
          && ["readings", "appeals", "service-requests"].includes(third)) {
        return ["money", "care"];
      }
      return ["money"];
    default:
      return [];
  }
}

for (const group of groupsOf(location.pathname)) {
  for (const file of CHUNKS[group] ?? []) {
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = new URL(file, import.meta.url).href;
    document.head.append(link);
  }
}

const { default: init } = await import("./app.js");
await init({ module_or_path: new URL("app_bg.wasm", import.meta.url) });
