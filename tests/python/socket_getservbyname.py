"""The port of each URL's scheme, from the services database.

socket.getservbyname(scheme) with no protocol, for the scheme of each URL below, in
order; a scheme the database lacks raises OSError, which ends the program (exit status
1, a traceback on stderr). The Rust twin is examples/socket_getservbyname.rs, which
tests/python_twins.rs compares with this program.
"""

import socket
from urllib.parse import urlsplit

URLS = (
    "http://www.python.org",
    "https://www.mybank.com",
    "ftp://prep.ai.mit.edu",
    "gopher://gopher.micro.umn.edu",
    "smtp://mail.example.com",
    "imap://mail.example.com",
    "imaps://mail.example.com",
    "pop3://pop.example.com",
    "pop3s://pop.example.com",
)


def main():
    for url in URLS:
        scheme = urlsplit(url).scheme
        port = socket.getservbyname(scheme)
        print(f"{scheme:>6} : {port}")


if __name__ == "__main__":
    main()
