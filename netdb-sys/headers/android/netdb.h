/*
 * netdb-sys's reconstruction of Android's <netdb.h> (bionic), written for this crate.
 *
 * CI has no Android NDK, so gen.rs runs bindgen for aarch64-linux-android over this file
 * instead (with -nostdinc: nothing else is read). It declares only what netdb-sys binds,
 * with the layouts, signatures and values of bionic as read from its published
 * libc/include/netdb.h and libc/bionic/netdb.cpp; it reproduces none of their text.
 * src/lib.rs checks every struct, constant and function that the `libc` crate also
 * declares against it at compile time, so a wrong one fails
 * `cargo check --target aarch64-linux-android`.
 *
 * What bionic offers (see PLATFORMS.md):
 * - hosts: glibc-shaped gethostbyname_r, gethostbyname2_r and gethostbyaddr_r (the
 *   last two since API level 23), which return 0, ERANGE, or -1 with *h_errnop set;
 * - services: plain functions over a database compiled into bionic, with their results
 *   kept per thread, so they are thread-safe;
 * - protocols and networks: there is no database; every lookup returns NULL.
 * sethostent, endhostent and the enumerations of protocols and networks need API level
 * 28 and are not declared here.
 *
 * With the `bindgen` feature, NETDB_SYS_SYSROOT_INCLUDE pointing at an NDK's sysroot
 * include folder makes gen.rs read the real header instead.
 */
#ifndef NETDB_SYS_RECONSTRUCTED_ANDROID_NETDB_H
#define NETDB_SYS_RECONSTRUCTED_ANDROID_NETDB_H

/* The basic types, from the compiler's own definitions for the target. */
typedef __SIZE_TYPE__ size_t;
typedef __UINT32_TYPE__ uint32_t;
/* bionic: socklen_t is __socklen_t, uint32_t on LP64 and int32_t on 32-bit targets. */
#ifdef __LP64__
typedef __UINT32_TYPE__ socklen_t;
#else
typedef __INT32_TYPE__ socklen_t;
#endif
/* Only pointed at here; netdb-sys re-exports the `libc` crate's definition. */
struct sockaddr;

/* h_errno is per thread: the macro in the real header reads *__get_h_errno(). */
int *__get_h_errno(void);

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
    uint32_t n_net;
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

/* The BSD order: the canonical name comes before the address (glibc has them the
   other way round). */
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

/* getaddrinfo and getnameinfo errors: the BSD values. */
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
#define EAI_BADHINTS 12
#define EAI_PROTOCOL 13
#define EAI_OVERFLOW 14
#define EAI_MAX 15

/* getaddrinfo flags. */
#define AI_PASSIVE 0x1
#define AI_CANONNAME 0x2
#define AI_NUMERICHOST 0x4
#define AI_NUMERICSERV 0x8
#define AI_ALL 0x100
#define AI_V4MAPPED_CFG 0x200
#define AI_ADDRCONFIG 0x400
#define AI_V4MAPPED 0x800
#define AI_MASK (AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_NUMERICSERV | AI_ADDRCONFIG)
#define AI_DEFAULT (AI_V4MAPPED_CFG | AI_ADDRCONFIG)

/* getnameinfo buffer sizes and flags. */
#define NI_MAXHOST 1025
#define NI_MAXSERV 32
#define NI_NOFQDN 0x1
#define NI_NUMERICHOST 0x2
#define NI_NAMEREQD 0x4
#define NI_NUMERICSERV 0x8
#define NI_DGRAM 0x10

/* Services, from bionic's built-in table; the port is in network byte order. */
struct servent *getservbyname(const char *name, const char *proto);
struct servent *getservbyport(int port, const char *proto);
struct servent *getservent(void);
void setservent(int stayopen);
void endservent(void);

/* Protocols: stubs that always return NULL. */
struct protoent *getprotobyname(const char *name);
struct protoent *getprotobynumber(int proto);

/* Hosts. The reentrant forms take glibc's arguments; gethostbyname2_r and
   gethostbyaddr_r need API level 23. */
struct hostent *gethostbyname(const char *name);
struct hostent *gethostbyname2(const char *name, int af);
struct hostent *gethostbyaddr(const void *addr, socklen_t len, int af);
struct hostent *gethostent(void);
int gethostbyname_r(const char *name, struct hostent *entry, char *buffer, size_t buflen,
                    struct hostent **result, int *h_errnop);
int gethostbyname2_r(const char *name, int af, struct hostent *entry, char *buffer,
                     size_t buflen, struct hostent **result, int *h_errnop);
int gethostbyaddr_r(const void *addr, socklen_t len, int af, struct hostent *entry,
                    char *buffer, size_t buflen, struct hostent **result, int *h_errnop);
void herror(const char *prefix);
const char *hstrerror(int code);

/* Networks: stubs that always return NULL. */
struct netent *getnetbyname(const char *name);
struct netent *getnetbyaddr(uint32_t net, int type);

/* Address resolution. getnameinfo's buffer lengths are size_t in bionic. */
int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                struct addrinfo **res);
void freeaddrinfo(struct addrinfo *ai);
const char *gai_strerror(int code);
int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, size_t hostlen,
                char *serv, size_t servlen, int flags);

#endif
