//! A tiny static file server for the demo: GET and HEAD of the files under one folder, on 127.0.0.1.
//!
//! Just enough HTTP/1.1 for a browser to load the playground and the sample pages: one request per
//! connection (`Connection: close`), the MIME types browsers insist on (`application/wasm` for
//! streaming compilation, `text/javascript` for ES modules and workers), no directory listings,
//! and nothing outside the folder is reachable (`..`, `.` and backslashes in a path are refused).
//! Each connection gets its own thread: a browser opens several at once.

use anyhow::{bail, Context, Result};
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

/// Binds 127.0.0.1:`port`, or explains which port to try instead when it is taken.
pub fn bind(port: u16) -> Result<TcpListener> {
    match TcpListener::bind((Ipv4Addr::LOCALHOST, port)) {
        Ok(listener) => Ok(listener),
        Err(error) if error.kind() == io::ErrorKind::AddrInUse => match free_port_after(port) {
            Some(free) => bail!("port {port} on 127.0.0.1 is in use; try --port {free}"),
            None => bail!("port {port} on 127.0.0.1 is in use; try another one with --port N"),
        },
        Err(error) => Err(error).with_context(|| format!("cannot listen on 127.0.0.1:{port}")),
    }
}

/// A port near `port` that is free right now (the next few, then any the system offers).
fn free_port_after(port: u16) -> Option<u16> {
    let next = (1..=20).filter_map(|step| port.checked_add(step));
    next.chain([0])
        .find_map(|p| TcpListener::bind((Ipv4Addr::LOCALHOST, p)).ok())
        .and_then(|listener| listener.local_addr().ok())
        .map(|addr| addr.port())
}

/// Serves `root` on `listener` from a background thread, for as long as the process runs.
pub fn spawn(listener: TcpListener, root: PathBuf) {
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            thread::spawn(move || {
                // A browser closing a connection early is normal; nothing to report.
                let _ = handle(stream, &root);
            });
        }
    });
}

fn handle(mut stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read (and ignore) the headers, up to a sane limit.
    let mut header = String::new();
    let mut total = 0;
    loop {
        header.clear();
        let read = reader.read_line(&mut header)?;
        total += read;
        if read == 0 || header == "\r\n" || header == "\n" || total > 64 * 1024 {
            break;
        }
    }
    let response = respond(request_line.trim_end(), root);
    stream.write_all(&response)?;
    stream.flush()
}

/// The whole response (head and body) for one request line.
fn respond(request_line: &str, root: &Path) -> Vec<u8> {
    let mut parts = request_line.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return reply(
            405,
            "text/plain; charset=utf-8",
            b"only GET and HEAD\n",
            head_only,
            &[],
        );
    }
    let path = match resolve(root, target) {
        Some(path) => path,
        None => {
            return reply(
                400,
                "text/plain; charset=utf-8",
                b"bad path\n",
                head_only,
                &[],
            )
        }
    };
    if path.is_dir() {
        let raw = target.split(['?', '#']).next().unwrap_or("/");
        if !raw.ends_with('/') {
            let location = format!("{raw}/");
            return reply(
                301,
                "text/plain; charset=utf-8",
                b"",
                head_only,
                &[("Location", &location)],
            );
        }
        return serve_file(&path.join("index.html"), head_only);
    }
    serve_file(&path, head_only)
}

fn serve_file(path: &Path, head_only: bool) -> Vec<u8> {
    match fs::read(path) {
        Ok(body) => reply(200, mime(path), &body, head_only, &[]),
        Err(_) => reply(
            404,
            "text/plain; charset=utf-8",
            b"not found\n",
            head_only,
            &[],
        ),
    }
}

fn reply(status: u16, mime: &str, body: &[u8], head_only: bool, extra: &[(&str, &str)]) -> Vec<u8> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut response = head.into_bytes();
    if !head_only {
        response.extend_from_slice(body);
    }
    response
}

/// The file a request target names under `root`, or None when the target is not a plain path
/// inside it (no `..`, `.`, backslashes or NUL, after percent-decoding).
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let raw = target.split(['?', '#']).next()?;
    let decoded = percent_decode(raw.strip_prefix('/')?)?;
    let mut path = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." || segment.contains(['\\', '\0']) {
            return None;
        }
        path.push(segment);
    }
    Some(path)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file, by extension.
fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn site() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        fs::create_dir_all(dir.join("core")).unwrap();
        fs::create_dir_all(dir.join("samples")).unwrap();
        fs::write(dir.join("index.html"), "<!doctype html>home").unwrap();
        fs::write(dir.join("core/bersih_bg.wasm"), b"\0asm").unwrap();
        fs::write(dir.join("core/bersih.js"), "export {}").unwrap();
        fs::write(dir.join("samples/index.html"), "samples").unwrap();
        dir
    }

    fn get(port: u16, request: &str) -> String {
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn serves_files_with_the_types_browsers_need() {
        let listener = bind(0).unwrap();
        let port = listener.local_addr().unwrap().port();
        spawn(listener, site());
        let wasm = get(port, "GET /core/bersih_bg.wasm HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(wasm.starts_with("HTTP/1.1 200 OK\r\n"), "{wasm}");
        assert!(
            wasm.contains("Content-Type: application/wasm\r\n"),
            "{wasm}"
        );
        assert!(wasm.ends_with("\0asm"));
        let js = get(port, "GET /core/bersih.js?v=1 HTTP/1.1\r\n\r\n");
        assert!(
            js.contains("Content-Type: text/javascript; charset=utf-8\r\n"),
            "{js}"
        );
        let home = get(port, "GET / HTTP/1.1\r\n\r\n");
        assert!(
            home.contains("text/html") && home.ends_with("home"),
            "{home}"
        );
        let head = get(port, "HEAD /index.html HTTP/1.1\r\n\r\n");
        assert!(
            head.contains("Content-Length: 19\r\n") && head.ends_with("\r\n\r\n"),
            "{head}"
        );
        let folder = get(port, "GET /samples HTTP/1.1\r\n\r\n");
        assert!(folder.starts_with("HTTP/1.1 301") && folder.contains("Location: /samples/\r\n"));
        assert!(get(port, "GET /samples/ HTTP/1.1\r\n\r\n").ends_with("samples"));
        assert!(get(port, "GET /missing.js HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404"));
        assert!(get(port, "POST / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 405"));
    }

    #[test]
    fn nothing_outside_the_folder_is_reachable() {
        let root = Path::new("/srv/www");
        assert_eq!(resolve(root, "/a/b.js"), Some(root.join("a/b.js")));
        assert_eq!(resolve(root, "/a%20b.txt"), Some(root.join("a b.txt")));
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/x",
            "/./x",
            "/a\\b",
            "x",
            "/%zz",
            "/%00",
        ] {
            assert_eq!(resolve(root, bad), None, "{bad} accepted");
        }
    }

    #[test]
    fn a_taken_port_names_a_free_one() {
        let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        let message = bind(port).unwrap_err().to_string();
        let prefix = format!("port {port} on 127.0.0.1 is in use; try --port ");
        let suggested: u16 = message
            .strip_prefix(&prefix)
            .expect(&message)
            .parse()
            .unwrap();
        assert_ne!(suggested, port);
        TcpListener::bind((Ipv4Addr::LOCALHOST, suggested)).expect("the suggested port is free");
    }
}
