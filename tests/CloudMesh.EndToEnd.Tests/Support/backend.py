"""A sample service for the proxy's end-to-end tests: answers every GET with its name (and the path it saw), so a
test can tell which version served a request. /slow/<seconds> answers after that delay (graceful-drain tests).
Usage: backend.py ADDRESS PORT NAME"""
import http.server
import sys
import time

ADDRESS, PORT, NAME = sys.argv[1], int(sys.argv[2]), sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path.startswith("/slow/"):
            time.sleep(float(self.path.split("/")[2]))
        body = f"{NAME} {self.path}\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer((ADDRESS, PORT), Handler)
print("listening", flush=True)
server.serve_forever()
