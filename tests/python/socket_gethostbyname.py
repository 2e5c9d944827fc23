"""The IPv4 address of hosts that resolve without a network.

socket.gethostbyname(host) for localhost, this machine's own name and a name under the
reserved .invalid domain, which never resolves: the address, or the error as str()
gives it. The Rust twin is examples/socket_gethostbyname.rs.
"""

import socket


def main():
    for host in ("localhost", socket.gethostname(), "nosuchname.invalid"):
        try:
            answer = socket.gethostbyname(host)
        except OSError as error:
            answer = error
        print(f"{host} : {answer}")


if __name__ == "__main__":
    main()
