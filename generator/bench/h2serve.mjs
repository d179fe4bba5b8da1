// A static file server over HTTP/2 with TLS, as GitHub Pages serves a site: every file of a
// page on one connection, side by side, instead of six HTTP/1.1 connections taking turns.
// Used by `crosswalk search-bench` (generator/bench/http2.py), never by the site.
//
//   node h2serve.mjs <folder> <cert.pem> <key.pem>
//
// Prints the port it listens on (127.0.0.1), then serves <folder>.  It counts the bytes of
// every file it sends; GET /__tally answers them as JSON ({path: bytes}) and starts again from
// nothing.  A path that leaves <folder> or names no file is answered 404.
import fs from "node:fs";
import http2 from "node:http2";
import path from "node:path";

const [root, cert, key] = process.argv.slice(2).map((p) => path.resolve(p));
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".json": "application/json", ".css": "text/css" };
let tally = {};

function answer(send, pathname) {
  if (pathname === "/__tally") {
    const body = Buffer.from(JSON.stringify(tally));
    tally = {};
    return send(200, "application/json", body, null);
  }
  const file = path.join(root, decodeURIComponent(pathname));
  if (file !== root && !file.startsWith(root + path.sep)) return send(404, "text/plain", Buffer.alloc(0), null);
  fs.readFile(file, (err, data) => {
    if (err) return send(404, "text/plain", Buffer.alloc(0), null);
    send(200, types[path.extname(file)] || "application/octet-stream", data, pathname);
  });
}

// allowHTTP1: the bench reads /__tally with Python's urllib, which speaks HTTP/1.1.
const server = http2.createSecureServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key), allowHTTP1: true },
  (req, res) => {
    const pathname = new URL(req.url, "https://localhost").pathname;
    answer((status, type, body, counted) => {
      if (counted) tally[counted] = (tally[counted] || 0) + body.length;
      res.writeHead(status, { "content-type": type, "content-length": body.length });
      res.end(body);
    }, pathname);
  });
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
