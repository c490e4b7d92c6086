"""Mail servers on 127.0.0.1 for tests: one that works (`werkt`; `traag` takes a moment in
the middle of each mail, before it has it), one that accepts a connection and never answers (`zwijgt`), one that
takes a mail and then hangs before saying it has it (`hangt_na_data`), and ones that refuse
the mail for now (`weigert_tijdelijk`: 451) or for good (`weigert_blijvend`: 554)."""

import socket
import socketserver
import threading
import time


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Sessie(socketserver.StreamRequestHandler):
    def handle(self):
        if self.server.gedrag == "zwijgt":
            self.server.verbindingen += 1
            self.server.stop_event.wait()
            return
        self._zeg("220 test ESMTP")
        while regel := self.rfile.readline():
            opdracht = regel.decode("latin-1").strip().upper()
            if opdracht.startswith("MAIL FROM") and self.server.gedrag == "traag":
                # The sender waits here, in the middle of a mail, before the server has it.
                self.server.bezig.set()
                time.sleep(0.3)
                self._zeg("250 ok")
            elif opdracht.startswith(("EHLO", "HELO")):
                self._zeg("250 test")
            elif opdracht == "DATA":
                self._zeg("354 verder")
                regels = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    regels.append(data)
                tekst = b"".join(regels).decode("utf-8", "replace")
                if self.server.gedrag == "hangt_na_data":
                    self.server.half_ontvangen.append(tekst)
                    self.server.stop_event.wait()
                    return
                if self.server.gedrag == "weigert_tijdelijk":
                    self._zeg("451 4.3.0 probeer het later")
                    continue
                if self.server.gedrag == "weigert_blijvend":
                    self._zeg("554 5.7.1 geweigerd")
                    continue
                with self.server.slot:
                    self.server.berichten.append(tekst)
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

    def __init__(self, poort, gedrag="werkt"):
        self.berichten = []
        self.half_ontvangen = []
        self.verbindingen = 0
        self.gedrag = gedrag
        self.slot = threading.Lock()
        self.stop_event = threading.Event()
        self.bezig = threading.Event()
        super().__init__(("127.0.0.1", poort), _Sessie)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self):
        self.stop_event.set()
        self.shutdown()
        self.server_close()
