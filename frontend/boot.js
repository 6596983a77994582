// Starts the app. A file of its own because the Content-Security-Policy forbids inline scripts;
// the modules and the wasm beside it are found relative to this file.
//
// Three things start here, beside the app's download instead of after it: the session's
// refresh and, on an account's page, the account's card with the refresh's token, whose
// answers the app takes (src/boot.rs); and the chunks of the page being opened, which the
// chunk loader then finds on their way.

globalThis.domkomRefresh = fetch("/api/v1/auth/refresh", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: "{}",
});
// Settled by the app; no unhandled rejection before it looks.
globalThis.domkomRefresh.catch(() => {});

const account = location.pathname.match(/^\/accounts\/(\d+)(\/|$)/);
if (account) {
  // Read from a copy: the app reads the refresh's own answer.
  const answer = globalThis.domkomRefresh
    .then((refresh) => (refresh.ok ? refresh.clone().json() : Promise.reject(refresh.status)))
    .then((tokens) => fetch(`/api/v1/accounts/${account[1]}`, {
      headers: { Authorization: `Bearer ${tokens.access_token}` },
    }));
  answer.catch(() => {});
  globalThis.domkomCard = { id: account[1], answer };
}

// Each chunk group's files, written by spa-build from the split.
const CHUNKS = %CHUNKS%;

// The groups of the page at `path`, as frontend/src/chunks.rs puts the pages in them: the
// sign-in page (and `/`) is the main module's own, every other page needs the routes; an
// account's section in `care` needs the account's frame from `money` too.
function groupsOf(path) {
  const [first, second, third] = path.split("/").filter(Boolean);
  switch (first) {
    case undefined: case "login":
      return [];
    case "register": case "activate": case "password": case "email": case "unsubscribe":
    case "profile":
      return ["welcome"];
    case "desk":
      return ["welcome", "desk"];
    case "accounts":
      if (second !== undefined && second !== "add"
          && ["readings", "appeals", "service-requests"].includes(third)) {
        return ["welcome", "money", "care"];
      }
      return ["welcome", "money"];
    default:
      return ["welcome"];
  }
}

// Fetches the groups' files for the chunk loader to find; a file two groups share, or
// asked for again, once.
const preloaded = new Set();
function preload(groups) {
  for (const file of groups.flatMap((group) => CHUNKS[group] ?? [])) {
    if (preloaded.has(file)) continue;
    preloaded.add(file);
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = new URL(file, import.meta.url).href;
    document.head.append(link);
  }
}
preload(groupsOf(location.pathname));
// The app's way to ask for a group ahead (src/boot.rs).
globalThis.domkomPreload = (...groups) => preload(groups);

const { default: init } = await import("./app.js");
await init({ module_or_path: new URL("app_bg.wasm", import.meta.url) });
