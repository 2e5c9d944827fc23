/*
 * The C oracle for the examples: the lookups of each examples/socket_*.rs, made with
 * the C library directly (Winsock on Windows, the target's libc elsewhere), printed the
 * way the example prints them.
 *
 *     oracle socket_getservbyname
 *
 * prints on stdout what the example `socket_getservbyname` prints, the error that ends
 * the example on stderr ("error: ..."), and exits with the example's status (0, or 1
 * after an error). A CI script builds it for the examples' target with that target's C
 * compiler, runs both the same way (under Wine, .ci/windows; under qemu-user or natively
 * for other architectures, .ci/cross) and requires identical stdout, stderr and status:
 * what the target's C library says, not Python on the build machine, is what is right
 * there (Wine's services table has no imap; a 32-bit C library reads numbers into a
 * 32-bit long).
 *
 * Where the example goes through the netdb crate, the oracle follows what the crate's
 * backend promises (netdb/src/sys/), written independently in C:
 *   - a database function that finds nothing is "not found"; on Windows that is
 *     WSAHOST_NOT_FOUND or WSANO_DATA from WSAGetLastError, on Unix a NULL (services and
 *     protocols report nothing more) or h_errno HOST_NOT_FOUND or NO_DATA (hosts);
 *     TRY_AGAIN and NO_RECOVERY are netdb::HostError; other codes are system errors;
 *   - error texts are the C library's: FormatMessageW's on Windows, as Rust's
 *     std::io::Error writes them; gai_strerror, hstrerror and strerror elsewhere;
 *   - an IPv4 host lookup is gethostbyname;
 * and CPython for the Python behaviour the examples copy: how a host argument becomes an
 * address (setipaddr; the examples make those calls in their own files), and repr(),
 * inet_ntop, the error texts and the constants tables (examples/python/mod.rs).
 *
 *
 *     oracle.exe getent DATABASE KEY...
 *
 * (on Windows only: elsewhere glibc's own getent is the oracle) prints what the getent
 * package's binary prints for KEYs of `services`, `protocols` or `hosts`, and exits with
 * its status (0, or 2 when a key is not found): the lookups of glibc's getent
 * (getent/src/databases.rs), made as netdb's Windows backend makes them, each entry
 * printed as getent prints it.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -o oracle.exe oracle.c -lws2_32
 *        aarch64-linux-gnu-gcc -O2 -o oracle oracle.c
 */
#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <ctype.h>
#include <fcntl.h>
#include <io.h>
#else
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
/* Winsock's names for the socket types, which the code below uses on every system. */
typedef struct sockaddr SOCKADDR;
typedef struct sockaddr_in SOCKADDR_IN;
typedef struct sockaddr_in6 SOCKADDR_IN6;
typedef struct sockaddr_storage SOCKADDR_STORAGE;
typedef struct in_addr IN_ADDR;
typedef struct in6_addr IN6_ADDR;
typedef struct addrinfo ADDRINFOA;
#endif
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- output ------------------------------------------------------------------------ */

/* A growable string. */
struct text {
    char *data;
    size_t len, cap;
};

static void text_add(struct text *t, const char *bytes, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->data = realloc(t->data, t->cap);
        if (!t->data) {
            fputs("oracle: out of memory\n", stderr);
            exit(3);
        }
    }
    memcpy(t->data + t->len, bytes, n);
    t->len += n;
    t->data[t->len] = 0;
}

static void text_printf(struct text *t, const char *format, ...)
{
    char buf[4096];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    text_add(t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static const char *text_str(struct text *t)
{
    if (!t->data)
        text_add(t, "", 0);
    return t->data;
}

/* Ends the example the way the examples' python::run does: "error: MESSAGE" on stderr,
 * exit status 1. */
static int fail(const char *message)
{
    fflush(stdout);
    fprintf(stderr, "error: %s\n", message);
    fflush(stderr);
    return 1;
}

/* --- error texts --------------------------------------------------------------------- */

#ifdef _WIN32
/* Windows' text for an error code, as Rust's std::io::Error gets it: FormatMessageW with
 * FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS and language 0, trailing
 * white space trimmed. */
static void system_message(struct text *out, int code)
{
    WCHAR wide[2048];
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                             (DWORD)code, 0, wide, 2048, NULL);
    if (n == 0) {
        text_printf(out, "OS Error %d (FormatMessageW() returned error %lu)", code,
                    (unsigned long)GetLastError());
        return;
    }
    char utf8[8192];
    int len = WideCharToMultiByte(CP_UTF8, 0, wide, (int)n, utf8, sizeof utf8, NULL, NULL);
    while (len > 0 && (utf8[len - 1] == ' ' || utf8[len - 1] == '\t' || utf8[len - 1] == '\r' ||
                       utf8[len - 1] == '\n'))
        len--;
    text_add(out, utf8, (size_t)len);
}

/* The text of a system error (errno), of an EAI_* code and of a database lookup's error
 * code: all Winsock codes, all FormatMessageW's texts. */
#define errno_message system_message
#define gai_message system_message
#define host_message system_message

/* Why the database function that just returned NULL found nothing. */
static int database_error(void)
{
    return WSAGetLastError();
}
#define host_error database_error
#define last_system_error database_error

static int not_found(int code)
{
    return code == 0 || code == WSAHOST_NOT_FOUND || code == WSANO_DATA;
}
#else
static void errno_message(struct text *out, int code)
{
    text_printf(out, "%s", strerror(code));
}

static void gai_message(struct text *out, int code)
{
    text_printf(out, "%s", gai_strerror(code));
}

static void host_message(struct text *out, int code)
{
    text_printf(out, "%s", hstrerror(code));
}

/* The services and protocols functions explain a NULL with nothing: it is "not found". */
static int database_error(void)
{
    return 0;
}

/* The host functions explain a NULL with h_errno. */
static int host_error(void)
{
    return h_errno;
}

static int last_system_error(void)
{
    return errno;
}

static int not_found(int code)
{
    return code == 0 || code == HOST_NOT_FOUND || code == NO_DATA;
}
#endif

/* How netdb::Error displays for a failed database lookup with this error code, when it
 * is not "not found" (error.rs). */
static void lookup_error(struct text *out, int code)
{
    if (code == TRY_AGAIN) {
        text_printf(out, "temporary failure in name resolution, try again");
    } else if (code == NO_RECOVERY) {
        text_printf(out, "non-recoverable failure in name resolution");
    } else {
        text_printf(out, "system error: ");
        errno_message(out, code);
        text_printf(out, " (os error %d)", code);
    }
}

/* What `str()` of the OSError a socket function raises says ("[Errno N] text"), for the
 * error code of a failed host lookup that is not "not found": socket.herror for
 * TRY_AGAIN and NO_RECOVERY, OSError(errno) for a system error (examples/python/mod.rs,
 * except_os_error). Not found is socket.herror(HOST_NOT_FOUND). */
static void host_failure(struct text *out, int code)
{
    if (not_found(code))
        code = HOST_NOT_FOUND;
#ifndef _WIN32
    if (code == NETDB_INTERNAL) {
        int error = errno;
        text_printf(out, "[Errno %d] ", error);
        errno_message(out, error);
        return;
    }
#endif
    text_printf(out, "[Errno %d] ", code);
    host_message(out, code);
}

/* --- Python's repr() and C's inet_ntop ---------------------------------------------- */

static void repr(struct text *out, const char *s)
{
    char quote = (strchr(s, '\'') && !strchr(s, '"')) ? '"' : '\'';
    text_add(out, &quote, 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\\')
            text_add(out, "\\\\", 2);
        else if (*p == '\t')
            text_add(out, "\\t", 2);
        else if (*p == '\n')
            text_add(out, "\\n", 2);
        else if (*p == '\r')
            text_add(out, "\\r", 2);
        else if (*p == (unsigned char)quote) {
            text_add(out, "\\", 1);
            text_add(out, (const char *)p, 1);
        } else if (*p < 0x20 || *p == 0x7f)
            text_printf(out, "\\x%02x", *p);
        else
            text_add(out, (const char *)p, 1);
    }
    text_add(out, &quote, 1);
}

/* repr() of a list of strings: ['a', 'b']. */
static void repr_list(struct text *out, char **items, int count)
{
    text_add(out, "[", 1);
    for (int i = 0; i < count; i++) {
        if (i)
            text_add(out, ", ", 2);
        repr(out, items[i]);
    }
    text_add(out, "]", 1);
}

/* An IPv4 address, four bytes in network order. */
static void ntop4(struct text *out, const unsigned char *b)
{
    text_printf(out, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

/* An IPv6 address as the examples write it (python::inet_ntop): RFC 5952 as Rust's
 * Ipv6Addr writes it (lowercase, the longest run of two or more zero groups, the first
 * of equals, as "::"; "::ffff:a.b.c.d" for IPv4-mapped), and glibc's "::a.b.c.d" where
 * the first 96 bits are zero and the next 16 are not. */
static void ntop6(struct text *out, const unsigned char *b)
{
    unsigned groups[8];
    for (int i = 0; i < 8; i++)
        groups[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
    int zero6 = 1;
    for (int i = 0; i < 6; i++)
        zero6 &= groups[i] == 0;
    if (zero6 && groups[6] != 0) {
        text_add(out, "::", 2);
        ntop4(out, b + 12);
        return;
    }
    int zero5 = 1;
    for (int i = 0; i < 5; i++)
        zero5 &= groups[i] == 0;
    if (zero5 && groups[5] == 0xffff) {
        text_add(out, "::ffff:", 7);
        ntop4(out, b + 12);
        return;
    }
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        if (groups[i] != 0) {
            i++;
            continue;
        }
        int j = i;
        while (j < 8 && groups[j] == 0)
            j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j;
    }
    if (best_len < 2)
        best = -1;
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            text_add(out, "::", 2);
            i += best_len - 1;
            continue;
        }
        if (i > 0 && i != best + best_len)
            text_add(out, ":", 1);
        text_printf(out, "%x", groups[i]);
    }
}

/* The address of a hostent's h_addr_list entry. */
static void ntop_host(struct text *out, int family, const char *addr)
{
    if (family == AF_INET)
        ntop4(out, (const unsigned char *)addr);
    else
        ntop6(out, (const unsigned char *)addr);
}

/* --- the socket module's constants (examples/python/mod.rs) ------------------------- */

struct constant {
    const char *name;
    int value;
};

static const struct constant SOCK_CONSTANTS[] = {
    {"SOCK_DGRAM", SOCK_DGRAM},
    {"SOCK_RAW", SOCK_RAW},
    {"SOCK_SEQPACKET", SOCK_SEQPACKET},
    {"SOCK_STREAM", SOCK_STREAM},
};

/* The IPPROTO_* numbers are IANA's, the same on every platform (netdb/src/ipproto.rs). */
static const struct constant IPPROTO_CONSTANTS[] = {
    {"IPPROTO_AH", 51},       {"IPPROTO_DSTOPTS", 60}, {"IPPROTO_EGP", 8},
    {"IPPROTO_ESP", 50},      {"IPPROTO_FRAGMENT", 44}, {"IPPROTO_GRE", 47},
    {"IPPROTO_HOPOPTS", 0},   {"IPPROTO_ICMP", 1},     {"IPPROTO_ICMPV6", 58},
    {"IPPROTO_IDP", 22},      {"IPPROTO_IGMP", 2},     {"IPPROTO_IP", 0},
    {"IPPROTO_IPIP", 4},      {"IPPROTO_IPV6", 41},    {"IPPROTO_MPTCP", 262},
    {"IPPROTO_NONE", 59},     {"IPPROTO_PIM", 103},    {"IPPROTO_PUP", 12},
    {"IPPROTO_RAW", 255},     {"IPPROTO_ROUTING", 43}, {"IPPROTO_RSVP", 46},
    {"IPPROTO_SCTP", 132},    {"IPPROTO_TCP", 6},      {"IPPROTO_TP", 29},
    {"IPPROTO_UDP", 17},      {"IPPROTO_UDPLITE", 136},
};

/* constants[value]: the last name of that value, or NULL for the KeyError. */
static const char *constant_name(const struct constant *table, int count, int value)
{
    for (int i = count - 1; i >= 0; i--)
        if (table[i].value == value)
            return table[i].name;
    return NULL;
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int key_error(int value)
{
    char message[64];
    snprintf(message, sizeof message, "KeyError: %d", value);
    return fail(message);
}

/* "socket.gaierror: [Errno N] text", the uncaught getaddrinfo/getnameinfo error. */
static int gaierror(int code)
{
    struct text message = {0};
    text_printf(&message, "socket.gaierror: [Errno %d] ", code);
    gai_message(&message, code);
    return fail(text_str(&message));
}

/* --- Python's setipaddr ------------------------------------------------------------- */

/* The address a host argument stands for (CPython's setipaddr), as SOCKADDR_STORAGE;
 * family AF_UNSPEC or AF_INET. Returns 0, or fills `failure` with the OSError text and
 * returns -1. Only what the examples' host arguments need: numeric addresses (which the
 * examples write as std's address types) and names (which they resolve with
 * getaddrinfo); not "" or "<broadcast>". */
static int setipaddr(const char *name, int family, SOCKADDR_STORAGE *address,
                     struct text *failure)
{
    memset(address, 0, sizeof *address);
    IN_ADDR v4;
    IN6_ADDR v6;
    if (inet_pton(AF_INET, name, &v4) == 1) {
        SOCKADDR_IN *sin = (SOCKADDR_IN *)address;
        sin->sin_family = AF_INET;
        sin->sin_addr = v4;
        return 0;
    }
    if (family != AF_INET && inet_pton(AF_INET6, name, &v6) == 1) {
        SOCKADDR_IN6 *sin6 = (SOCKADDR_IN6 *)address;
        sin6->sin6_family = AF_INET6;
        sin6->sin6_addr = v6;
        return 0;
    }
    ADDRINFOA hints = {0}, *found = NULL;
    hints.ai_family = family;
    int rc = getaddrinfo(name, NULL, &hints, &found);
    if (rc != 0) {
        text_printf(failure, "[Errno %d] ", rc);
        gai_message(failure, rc);
        return -1;
    }
    /* The first result of family IPv4 or IPv6. */
    for (ADDRINFOA *node = found; node; node = node->ai_next) {
        if (node->ai_addr && (node->ai_addr->sa_family == AF_INET ||
                              node->ai_addr->sa_family == AF_INET6)) {
            memcpy(address, node->ai_addr, node->ai_addrlen);
            freeaddrinfo(found);
            return 0;
        }
    }
    freeaddrinfo(found);
    text_printf(failure, "unknown address family");
    return -1;
}

static void ntop_sockaddr(struct text *out, const SOCKADDR_STORAGE *address)
{
    if (address->ss_family == AF_INET)
        ntop4(out, (const unsigned char *)&((const SOCKADDR_IN *)address)->sin_addr);
    else
        ntop6(out, (const unsigned char *)&((const SOCKADDR_IN6 *)address)->sin6_addr);
}

/* A hostent as (name, aliases, addresses) for gethostbyname_ex and gethostbyaddr. */
static void print_host(const struct hostent *h, const char *name_label,
                       const char *aliases_label, const char *addresses_label)
{
    struct text line = {0};
    int count = 0;
    while (h->h_aliases[count])
        count++;
    printf("%s%s\n", name_label, h->h_name);
    repr_list(&line, h->h_aliases, count);
    printf("%s%s\n", aliases_label, text_str(&line));
    struct text addresses = {0};
    text_add(&addresses, "[", 1);
    for (int i = 0; h->h_addr_list[i]; i++) {
        struct text one = {0};
        if (i)
            text_add(&addresses, ", ", 2);
        ntop_host(&one, h->h_addrtype, h->h_addr_list[i]);
        repr(&addresses, text_str(&one));
    }
    text_add(&addresses, "]", 1);
    printf("%s%s\n", addresses_label, text_str(&addresses));
}

/* --- the examples -------------------------------------------------------------------- */

static int socket_getservbyname(void)
{
    static const char *const schemes[] = {"http", "https", "ftp",  "gopher", "smtp",
                                          "imap", "imaps", "pop3", "pop3s"};
    for (int i = 0; i < COUNT(schemes); i++) {
        struct servent *s = getservbyname(schemes[i], NULL);
        if (!s) {
            int code = database_error();
            struct text message = {0};
            if (not_found(code))
                text_printf(&message, "service/proto not found: %s", schemes[i]);
            else
                lookup_error(&message, code);
            return fail(text_str(&message));
        }
        printf("%6s : %u\n", schemes[i], ntohs((unsigned short)s->s_port));
    }
    return 0;
}

static int socket_getservbyport(void)
{
    static const int ports[] = {80, 443, 21, 70, 25, 143, 993, 110, 995};
    for (int i = 0; i < COUNT(ports); i++) {
        struct servent *s = getservbyport(htons((unsigned short)ports[i]), NULL);
        if (!s) {
            int code = database_error();
            struct text message = {0};
            if (not_found(code))
                text_printf(&message, "port/proto not found");
            else
                lookup_error(&message, code);
            return fail(text_str(&message));
        }
        printf("%s://example.com/\n", s->s_name);
    }
    return 0;
}

static int socket_getprotobyname(void)
{
    static const char *const names[] = {"icmp", "udp", "tcp"};
    for (int i = 0; i < COUNT(names); i++) {
        struct protoent *p = getprotobyname(names[i]);
        if (!p) {
            int code = database_error();
            struct text message = {0};
            if (not_found(code))
                text_printf(&message, "protocol not found");
            else
                lookup_error(&message, code);
            return fail(text_str(&message));
        }
        int number = p->p_proto;
        const char *constant = constant_name(IPPROTO_CONSTANTS, COUNT(IPPROTO_CONSTANTS), number);
        if (!constant)
            return key_error(number);
        printf("%4s -> %2d (netdb::%-12s = %2d)\n", names[i], number, constant, number);
    }
    return 0;
}

/* The examples' host list: localhost, this machine's name, a name that never resolves. */
static const char *const *host_names(void)
{
    static char hostname[257];
    static const char *names[3] = {"localhost", hostname, "nosuchname.invalid"};
    if (gethostname(hostname, sizeof hostname) != 0) {
        struct text message = {0};
        int code = last_system_error();
        text_printf(&message, "system error: ");
        errno_message(&message, code);
        text_printf(&message, " (os error %d)", code);
        exit(fail(text_str(&message)));
    }
    return names;
}

static int socket_gethostbyname(void)
{
    const char *const *names = host_names();
    for (int i = 0; i < 3; i++) {
        SOCKADDR_STORAGE address;
        struct text out = {0};
        if (setipaddr(names[i], AF_INET, &address, &out) == 0)
            ntop_sockaddr(&out, &address);
        printf("%s : %s\n", names[i], text_str(&out));
    }
    return 0;
}

static int socket_gethostbyname_ex(void)
{
    const char *const *names = host_names();
    for (int i = 0; i < 3; i++) {
        printf("%s\n", names[i]);
        SOCKADDR_STORAGE address;
        struct text failure = {0};
        if (setipaddr(names[i], AF_INET, &address, &failure) != 0) {
            printf("ERROR: %s\n\n", text_str(&failure));
            continue;
        }
        struct hostent *h = gethostbyname(names[i]);
        if (!h) {
            host_failure(&failure, host_error());
            printf("ERROR: %s\n\n", text_str(&failure));
            continue;
        }
        print_host(h, "  Hostname: ", "   Aliases: ", " Addresses: ");
        printf("\n");
    }
    return 0;
}

static int socket_gethostbyaddr(void)
{
    static const char *const addresses[] = {"127.0.0.1", "::1"};
    for (int i = 0; i < COUNT(addresses); i++) {
        SOCKADDR_STORAGE address;
        struct text failure = {0};
        if (setipaddr(addresses[i], AF_UNSPEC, &address, &failure) != 0) {
            printf("ERROR: %s\n\n", text_str(&failure));
            continue;
        }
        struct hostent *h;
        if (address.ss_family == AF_INET)
            h = gethostbyaddr((const char *)&((SOCKADDR_IN *)&address)->sin_addr, 4, AF_INET);
        else
            h = gethostbyaddr((const char *)&((SOCKADDR_IN6 *)&address)->sin6_addr, 16,
                              AF_INET6);
        if (!h) {
            host_failure(&failure, host_error());
            printf("ERROR: %s\n\n", text_str(&failure));
            continue;
        }
        print_host(h, "Hostname : ", "Aliases  : ", "Addresses: ");
        printf("\n");
    }
    return 0;
}

/* netdb::fqdn: the first address getaddrinfo gives, looked up in reverse; the first
 * dotted one of the name and aliases, else the name; the name itself where a step fails. */
static void fqdn(struct text *out, const char *name)
{
    ADDRINFOA hints = {0}, *found = NULL;
    if (getaddrinfo(name, NULL, &hints, &found) != 0) {
        text_printf(out, "%s", name);
        return;
    }
    struct hostent *h = NULL;
    for (ADDRINFOA *node = found; node; node = node->ai_next) {
        if (node->ai_addr && node->ai_addr->sa_family == AF_INET) {
            h = gethostbyaddr((const char *)&((SOCKADDR_IN *)node->ai_addr)->sin_addr, 4,
                              AF_INET);
            break;
        }
        if (node->ai_addr && node->ai_addr->sa_family == AF_INET6) {
            h = gethostbyaddr((const char *)&((SOCKADDR_IN6 *)node->ai_addr)->sin6_addr, 16,
                              AF_INET6);
            break;
        }
    }
    freeaddrinfo(found);
    if (!h) {
        text_printf(out, "%s", name);
        return;
    }
    if (strchr(h->h_name, '.')) {
        text_printf(out, "%s", h->h_name);
        return;
    }
    for (int i = 0; h->h_aliases[i]; i++) {
        if (strchr(h->h_aliases[i], '.')) {
            text_printf(out, "%s", h->h_aliases[i]);
            return;
        }
    }
    text_printf(out, "%s", h->h_name);
}

static int socket_getfqdn(void)
{
    const char *const *names = host_names();
    const char *hosts[3] = {"localhost", names[1], "127.0.0.1"};
    for (int i = 0; i < 3; i++) {
        struct text out = {0};
        fqdn(&out, hosts[i]);
        printf("%10s : %s\n", hosts[i], text_str(&out));
    }
    return 0;
}

static void repr_sockaddr(struct text *out, const SOCKADDR *address)
{
    struct text host = {0};
    text_add(out, "(", 1);
    if (address->sa_family == AF_INET) {
        const SOCKADDR_IN *sin = (const SOCKADDR_IN *)address;
        ntop4(&host, (const unsigned char *)&sin->sin_addr);
        repr(out, text_str(&host));
        text_printf(out, ", %u)", ntohs(sin->sin_port));
    } else {
        const SOCKADDR_IN6 *sin6 = (const SOCKADDR_IN6 *)address;
        ntop6(&host, (const unsigned char *)&sin6->sin6_addr);
        repr(out, text_str(&host));
        text_printf(out, ", %u, %lu, %lu)", ntohs(sin6->sin6_port),
                    (unsigned long)ntohl(sin6->sin6_flowinfo), (unsigned long)sin6->sin6_scope_id);
    }
}

static int socket_getaddrinfo(void)
{
    ADDRINFOA hints = {0}, *found = NULL;
    int rc = getaddrinfo("localhost", "http", &hints, &found);
    if (rc != 0)
        return gaierror(rc);
    for (ADDRINFOA *node = found; node; node = node->ai_next) {
        if (!node->ai_addr ||
            (node->ai_addr->sa_family != AF_INET && node->ai_addr->sa_family != AF_INET6))
            continue;
        const char *family = node->ai_addr->sa_family == AF_INET ? "AF_INET" : "AF_INET6";
        const char *type = constant_name(SOCK_CONSTANTS, COUNT(SOCK_CONSTANTS), node->ai_socktype);
        if (!type)
            return key_error(node->ai_socktype);
        const char *protocol =
            constant_name(IPPROTO_CONSTANTS, COUNT(IPPROTO_CONSTANTS), node->ai_protocol);
        if (!protocol)
            return key_error(node->ai_protocol);
        struct text address = {0};
        repr_sockaddr(&address, node->ai_addr);
        printf("Family        : %s\n", family);
        printf("Type          : %s\n", type);
        printf("Protocol      : %s\n", protocol);
        printf("Canonical name: %s\n", node->ai_canonname ? node->ai_canonname : "");
        printf("Socket address: %s\n", text_str(&address));
        printf("\n");
    }
    freeaddrinfo(found);
    return 0;
}

static int socket_getnameinfo(void)
{
    static const struct {
        const char *host;
        int port;
        int ipv6;
    } sockaddrs[] = {{"127.0.0.1", 80, 0}, {"127.0.0.1", 443, 0}, {"::1", 22, 1}};
    static const int flag_sets[] = {0, NI_NUMERICHOST | NI_NUMERICSERV};
    for (int i = 0; i < COUNT(sockaddrs); i++) {
        for (int f = 0; f < COUNT(flag_sets); f++) {
            char port[16];
            snprintf(port, sizeof port, "%d", sockaddrs[i].port);
            ADDRINFOA hints = {0}, *found = NULL;
            hints.ai_socktype = SOCK_DGRAM;
            hints.ai_flags = AI_NUMERICHOST;
            int rc = getaddrinfo(sockaddrs[i].host, port, &hints, &found);
            if (rc != 0)
                return gaierror(rc);
            int count = 0;
            ADDRINFOA *only = NULL;
            for (ADDRINFOA *node = found; node; node = node->ai_next) {
                if (node->ai_addr && (node->ai_addr->sa_family == AF_INET ||
                                      node->ai_addr->sa_family == AF_INET6)) {
                    count++;
                    only = node;
                }
            }
            if (count == 0)
                return fail("getaddrinfo gave no IPv4 or IPv6 address");
            if (count > 1)
                return fail("OSError: sockaddr resolved to multiple addresses");
            SOCKADDR_STORAGE address = {0};
            int length = (int)only->ai_addrlen;
            memcpy(&address, only->ai_addr, only->ai_addrlen);
            freeaddrinfo(found);
            if (address.ss_family == AF_INET && sockaddrs[i].ipv6)
                return fail("OSError: IPv4 sockaddr must be 2 tuple");
            if (address.ss_family == AF_INET6 && sockaddrs[i].ipv6) {
                ((SOCKADDR_IN6 *)&address)->sin6_flowinfo = 0;
                ((SOCKADDR_IN6 *)&address)->sin6_scope_id = 0;
            }
            char host[NI_MAXHOST], service[NI_MAXSERV];
            rc = getnameinfo((SOCKADDR *)&address, length, host, sizeof host, service,
                             sizeof service, flag_sets[f]);
            if (rc != 0)
                return gaierror(rc);
            struct text line = {0};
            text_add(&line, "(", 1);
            repr(&line, sockaddrs[i].host);
            if (sockaddrs[i].ipv6)
                text_printf(&line, ", %d, 0, 0)", sockaddrs[i].port);
            else
                text_printf(&line, ", %d)", sockaddrs[i].port);
            text_printf(&line, " %d -> (", flag_sets[f]);
            repr(&line, host);
            text_add(&line, ", ", 2);
            repr(&line, service);
            text_add(&line, ")", 1);
            printf("%s\n", text_str(&line));
        }
    }
    return 0;
}

/* --- getent (the getent package's binary) ------------------------------------------- */

#ifdef _WIN32

/* The aliases after a space each, and the line's end, as getent ends its lines. */
static void print_aliases(char **aliases)
{
    for (; *aliases; aliases++)
        printf(" %s", *aliases);
    printf("\n");
}

/* getent's services_keys: the key split at its first '/' into a name and a protocol; a
 * name of digits that strtol reads whole as 0 to 65535 is a port, any other a name. */
static int getent_service(const char *key)
{
    char name[1024];
    const char *slash = strchr(key, '/');
    size_t length = slash ? (size_t)(slash - key) : strlen(key);
    if (length >= sizeof name)
        return 2;
    memcpy(name, key, length);
    name[length] = 0;
    const char *protocol = slash ? slash + 1 : NULL;
    char *end;
    long port = strtol(name, &end, 10);
    struct servent *s;
    if (isdigit((unsigned char)name[0]) && *end == 0 && port >= 0 && port <= 65535)
        s = getservbyport(htons((u_short)port), protocol);
    else
        s = getservbyname(name, protocol);
    if (!s)
        return 2;
    printf("%-21s %d/%s", s->s_name, ntohs((u_short)s->s_port), s->s_proto);
    print_aliases(s->s_aliases);
    return 0;
}

/* getent's protocols_keys: a key that starts with a digit is a number (atol). */
static int getent_protocol(const char *key)
{
    struct protoent *p = isdigit((unsigned char)key[0]) ? getprotobynumber((int)atol(key))
                                                        : getprotobyname(key);
    if (!p)
        return 2;
    printf("%-21s %d", p->p_name, p->p_proto);
    print_aliases(p->p_aliases);
    return 0;
}

/* One line per address: the address padded to 15 bytes, the name, the aliases. */
static void print_host_lines(const struct hostent *h)
{
    for (int i = 0; h->h_addr_list[i]; i++) {
        struct text address = {0};
        ntop_host(&address, h->h_addrtype, h->h_addr_list[i]);
        printf("%-15s %s", text_str(&address), h->h_name);
        print_aliases(h->h_aliases);
    }
}

/* getent's hosts_keys: an address goes to gethostbyaddr; a name is looked up for IPv6,
 * then for IPv4. Winsock has no gethostbyname2: as netdb's Windows backend, the IPv6
 * lookup is getaddrinfo with AF_INET6 and AI_CANONNAME (the host's name is the canonical
 * name or the key, without aliases, its addresses each once in getaddrinfo's order),
 * and the IPv4 one gethostbyname. */
static int getent_host(const char *key)
{
    unsigned char address[16];
    if (inet_pton(AF_INET6, key, address) == 1 || inet_pton(AF_INET, key, address) == 1) {
        int v6 = inet_pton(AF_INET6, key, address) == 1;
        struct hostent *h = gethostbyaddr((const char *)address, v6 ? 16 : 4, v6 ? AF_INET6 : AF_INET);
        if (!h)
            return 2;
        print_host_lines(h);
        return 0;
    }
    ADDRINFOA hints = {0}, *found = NULL;
    hints.ai_family = AF_INET6;
    hints.ai_flags = AI_CANONNAME;
    if (getaddrinfo(key, NULL, &hints, &found) == 0) {
        const char *name = key;
        unsigned char seen[64][16];
        int count = 0;
        for (ADDRINFOA *ai = found; ai; ai = ai->ai_next) {
            if (ai->ai_canonname) {
                if (ai->ai_canonname[0])
                    name = ai->ai_canonname;
                break;
            }
        }
        for (ADDRINFOA *ai = found; ai && count < 64; ai = ai->ai_next) {
            if (ai->ai_family != AF_INET6)
                continue;
            const unsigned char *bytes = (const unsigned char *)&((SOCKADDR_IN6 *)ai->ai_addr)->sin6_addr;
            int known = 0;
            for (int i = 0; i < count; i++)
                known |= memcmp(seen[i], bytes, 16) == 0;
            if (known)
                continue;
            memcpy(seen[count++], bytes, 16);
            struct text text = {0};
            ntop6(&text, bytes);
            printf("%-15s %s\n", text_str(&text), name);
        }
        freeaddrinfo(found);
        if (count > 0)
            return 0;
    }
    struct hostent *h = gethostbyname(key);
    if (!h)
        return 2;
    print_host_lines(h);
    return 0;
}

static int getent(int keys, char **key, const char *database)
{
    int (*lookup)(const char *) = strcmp(database, "services") == 0    ? getent_service
                                  : strcmp(database, "protocols") == 0 ? getent_protocol
                                  : strcmp(database, "hosts") == 0     ? getent_host
                                                                       : NULL;
    if (!lookup) {
        fprintf(stderr, "oracle: getent %s is not known here\n", database);
        return 3;
    }
    int status = 0;
    for (int i = 0; i < keys; i++) {
        if (lookup(key[i]) != 0)
            status = 2;
    }
    return status;
}
#endif

static const struct {
    const char *name;
    int (*run)(void);
} EXAMPLES[] = {
    {"socket_getservbyname", socket_getservbyname},
    {"socket_getservbyport", socket_getservbyport},
    {"socket_getprotobyname", socket_getprotobyname},
    {"socket_gethostbyname", socket_gethostbyname},
    {"socket_gethostbyname_ex", socket_gethostbyname_ex},
    {"socket_gethostbyaddr", socket_gethostbyaddr},
    {"socket_getfqdn", socket_getfqdn},
    {"socket_getaddrinfo", socket_getaddrinfo},
    {"socket_getnameinfo", socket_getnameinfo},
};

int main(int argc, char **argv)
{
#ifdef _WIN32
    /* Rust writes "\n"; msvcrt's text mode would write "\r\n". */
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
#endif
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (int i = 0; i < COUNT(EXAMPLES); i++)
            printf("%s\n", EXAMPLES[i].name);
        return 0;
    }
#ifdef _WIN32
    if (argc >= 3 && strcmp(argv[1], "getent") == 0) {
        WSADATA data;
        int rc = WSAStartup(MAKEWORD(2, 2), &data);
        if (rc != 0) {
            fprintf(stderr, "oracle: WSAStartup failed: %d\n", rc);
            return 3;
        }
        rc = getent(argc - 3, argv + 3, argv[2]);
        fflush(stdout);
        return rc;
    }
#endif
    for (int i = 0; argc == 2 && i < COUNT(EXAMPLES); i++) {
        if (strcmp(argv[1], EXAMPLES[i].name) == 0) {
#ifdef _WIN32
            WSADATA data;
            int started = WSAStartup(MAKEWORD(2, 2), &data);
            if (started != 0) {
                fprintf(stderr, "oracle: WSAStartup failed: %d\n", started);
                return 3;
            }
#endif
            int rc = EXAMPLES[i].run();
            fflush(stdout);
            return rc;
        }
    }
    fprintf(stderr, "usage: oracle --list | oracle EXAMPLE | oracle.exe getent DATABASE KEY...\n");
    return 2;
}
