"""A tiny SMTP server on 127.0.0.1, so tests can take a mail server down and bring it back."""

import socket
import socketserver
import threading


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Sessie(socketserver.StreamRequestHandler):
    def handle(self):
        self._zeg("220 test ESMTP")
        while regel := self.rfile.readline():
            opdracht = regel.decode("latin-1").strip().upper()
            if opdracht.startswith(("EHLO", "HELO")):
                self._zeg("250 test")
            elif opdracht == "DATA":
                self._zeg("354 verder")
                regels = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    regels.append(data)
                self.server.berichten.append(b"".join(regels).decode("utf-8", "replace"))
                self._zeg("250 ok")
            elif opdracht == "QUIT":
                self._zeg("221 dag")
                return
            else:
                self._zeg("250 ok")

    def _zeg(self, tekst):
        self.wfile.write(f"{tekst}\r\n".encode())


class SmtpServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, poort):
        self.berichten = []
        super().__init__(("127.0.0.1", poort), _Sessie)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self):
        self.shutdown()
        self.server_close()
