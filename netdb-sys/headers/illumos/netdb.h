/*
 * netdb-sys's reconstruction of illumos' <netdb.h>, written for this crate.
 *
 * CI has no illumos sysroot, so gen.rs runs bindgen for x86_64-unknown-illumos over this
 * file instead (with -nostdinc: nothing else is read). It declares only what netdb-sys
 * binds, with the layouts, signatures and values of illumos as read from its own
 * usr/src/head/netdb.h and the getXbyY(3SOCKET, 3NSL) manuals; it reproduces none of
 * their text. src/lib.rs checks every struct, constant and function that the `libc`
 * crate also declares against it at compile time, so a wrong one fails
 * `cargo check --target x86_64-unknown-illumos`.
 *
 * illumos has the Solaris shape of the reentrant forms: they return the entry or NULL
 * and take `(..., struct X *result, char *buffer, int buflen)`, the host ones an
 * `int *h_errnop` as well; a buffer too small is NULL with errno ERANGE. There is no
 * gethostbyname2_r: getipnodebyname (RFC 2553) is the thread-safe lookup of IPv6
 * addresses by name. The set and end functions return int. h_errno is one global int.
 * The functions live in libsocket and libnsl, which netdb-sys's build script links.
 *
 * With the `bindgen` feature, NETDB_SYS_SYSROOT_INCLUDE pointing at a real illumos
 * include folder makes gen.rs read the real header instead.
 */
#ifndef NETDB_SYS_RECONSTRUCTED_ILLUMOS_NETDB_H
#define NETDB_SYS_RECONSTRUCTED_ILLUMOS_NETDB_H

/* The basic types, from the compiler's own definitions for the target. */
typedef __SIZE_TYPE__ size_t;
typedef __UINT32_TYPE__ uint32_t;
typedef uint32_t in_addr_t;
/* illumos: socklen_t is an unsigned 32-bit integer. */
typedef __UINT32_TYPE__ socklen_t;
/* Only pointed at here; netdb-sys re-exports the `libc` crate's definition. */
struct sockaddr;

/* Why the last host lookup of the plain functions failed: one process-wide variable. */
extern int h_errno;

/* The entries the database functions fill in. */
struct hostent {
    char *h_name;
    char **h_aliases;
    int h_addrtype;
    int h_length;
    char **h_addr_list;
};

struct netent {
    char *n_name;
    char **n_aliases;
    int n_addrtype;
    in_addr_t n_net;
};

struct servent {
    char *s_name;
    char **s_aliases;
    int s_port;
    char *s_proto;
};

struct protoent {
    char *p_name;
    char **p_aliases;
    int p_proto;
};

/* The canonical name comes before the address, as on the BSDs. */
struct addrinfo {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    socklen_t ai_addrlen;
    char *ai_canonname;
    struct sockaddr *ai_addr;
    struct addrinfo *ai_next;
};

/* h_errno values. */
#define NETDB_INTERNAL (-1)
#define NETDB_SUCCESS 0
#define HOST_NOT_FOUND 1
#define TRY_AGAIN 2
#define NO_RECOVERY 3
#define NO_DATA 4
#define NO_ADDRESS NO_DATA

/* getaddrinfo and getnameinfo errors. */
#define EAI_ADDRFAMILY 1
#define EAI_AGAIN 2
#define EAI_BADFLAGS 3
#define EAI_FAIL 4
#define EAI_FAMILY 5
#define EAI_MEMORY 6
#define EAI_NODATA 7
#define EAI_NONAME 8
#define EAI_SERVICE 9
#define EAI_SOCKTYPE 10
#define EAI_SYSTEM 11
#define EAI_OVERFLOW 12
#define EAI_PROTOCOL 13
#define EAI_MAX 14

/* getaddrinfo flags: Solaris's own values. The first three are getipnodebyname's too. */
#define AI_V4MAPPED 0x0001
#define AI_ALL 0x0002
#define AI_ADDRCONFIG 0x0004
#define AI_PASSIVE 0x0008
#define AI_CANONNAME 0x0010
#define AI_NUMERICHOST 0x0020
#define AI_NUMERICSERV 0x0040
#define AI_DEFAULT (AI_V4MAPPED | AI_ADDRCONFIG)

/* getnameinfo buffer sizes and flags. */
#define NI_MAXHOST 1025
#define NI_MAXSERV 32
#define NI_NOFQDN 0x0001
#define NI_NUMERICHOST 0x0002
#define NI_NAMEREQD 0x0004
#define NI_NUMERICSERV 0x0008
#define NI_DGRAM 0x0010
#define NI_WITHSCOPEID 0x0020
#define NI_NUMERICSCOPE 0x0040

/* Services. */
struct servent *getservbyname(const char *name, const char *proto);
struct servent *getservbyport(int port, const char *proto);
struct servent *getservent(void);
int setservent(int stayopen);
int endservent(void);
struct servent *getservbyname_r(const char *name, const char *proto, struct servent *result,
                                char *buffer, int buflen);
struct servent *getservbyport_r(int port, const char *proto, struct servent *result,
                                char *buffer, int buflen);
struct servent *getservent_r(struct servent *result, char *buffer, int buflen);

/* Protocols. */
struct protoent *getprotobyname(const char *name);
struct protoent *getprotobynumber(int proto);
struct protoent *getprotoent(void);
int setprotoent(int stayopen);
int endprotoent(void);
struct protoent *getprotobyname_r(const char *name, struct protoent *result, char *buffer,
                                  int buflen);
struct protoent *getprotobynumber_r(int proto, struct protoent *result, char *buffer,
                                    int buflen);
struct protoent *getprotoent_r(struct protoent *result, char *buffer, int buflen);

/* Hosts. The address of gethostbyaddr is a `const char *` of `int` bytes here. */
struct hostent *gethostbyname(const char *name);
struct hostent *gethostbyaddr(const char *addr, int len, int type);
struct hostent *gethostent(void);
int sethostent(int stayopen);
int endhostent(void);
struct hostent *gethostbyname_r(const char *name, struct hostent *result, char *buffer,
                                int buflen, int *h_errnop);
struct hostent *gethostbyaddr_r(const char *addr, int len, int type, struct hostent *result,
                                char *buffer, int buflen, int *h_errnop);
struct hostent *gethostent_r(struct hostent *result, char *buffer, int buflen, int *h_errnop);
/* The result is allocated for the caller, who frees it with freehostent. */
struct hostent *getipnodebyname(const char *name, int af, int flags, int *error_num);
void freehostent(struct hostent *entry);
void herror(const char *prefix);
const char *hstrerror(int code);

/* Networks. The reentrant lookup by number takes a long, the plain one an in_addr_t. */
struct netent *getnetbyname(const char *name);
struct netent *getnetbyaddr(in_addr_t net, int type);
struct netent *getnetent(void);
int setnetent(int stayopen);
int endnetent(void);
struct netent *getnetbyname_r(const char *name, struct netent *result, char *buffer,
                              int buflen);
struct netent *getnetbyaddr_r(long net, int type, struct netent *result, char *buffer,
                              int buflen);
struct netent *getnetent_r(struct netent *result, char *buffer, int buflen);

/* Address resolution. The header binds getaddrinfo to __xnet_getaddrinfo, the
   standards-conforming version, as the `libc` crate (and so std) does too. */
int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                struct addrinfo **res) __asm__("__xnet_getaddrinfo");
void freeaddrinfo(struct addrinfo *ai);
const char *gai_strerror(int code);
int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
                char *serv, socklen_t servlen, int flags);

#endif
