"""The two ends of a redirect check, for the iptables script's tests (Vm/IptablesScriptTests.cs).

  redirect_probe.py serve PORT...      listen on 0.0.0.0:PORT for each PORT; answer every connection with one line,
                                       "<PORT> <original destination>" (SO_ORIGINAL_DST; "-" when not redirected)
  redirect_probe.py connect HOST PORT  connect, print the line the other end sent (or the error), exit 0
"""
import socket
import struct
import sys
import threading

SO_ORIGINAL_DST = 80


def original_destination(conn):
    try:
        raw = conn.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)
    except OSError:
        return "-"
    port = struct.unpack(">H", raw[2:4])[0]
    address = socket.inet_ntoa(raw[4:8])
    local = conn.getsockname()
    return "-" if (address, port) == local else f"{address}:{port}"


def listen(port):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", port))
    listener.listen(64)
    return listener


def serve(listener, port):
    while True:
        conn, _ = listener.accept()
        with conn:
            conn.sendall(f"{port} {original_destination(conn)}\n".encode())


def main():
    if sys.argv[1] == "serve":
        for port in sys.argv[2:]:
            threading.Thread(target=serve, args=(listen(int(port)), int(port)), daemon=True).start()
        print("listening", flush=True)
        threading.Event().wait()
    else:
        try:
            with socket.create_connection((sys.argv[2], int(sys.argv[3])), timeout=5) as conn:
                print(conn.makefile().readline().strip())
        except OSError as e:
            print(f"error {e}")


main()
