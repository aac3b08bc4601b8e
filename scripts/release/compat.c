/* Linked into the release binary only (scripts/release/clang): what a link against glibc 2.17
 * lacks, and what the build says of itself. All but main is hidden, so nothing here interposes
 * on the C library of the node.
 *
 * - main: SwiftPM names the executable's entry point node_reconfig_main and asks the linker for
 *   `--defsym main=node_reconfig_main`, which zig's linker rejects; this forwards instead, after
 *   handing the Swift code the build's description, `commit abc1234, glibc >= 2.17`
 *   (NODE_RECONFIG_BUILD, given by build-release.sh), which `--version` prints.
 * - __libc_single_threaded (glibc 2.32), getentropy (2.25), arc4random (2.36): referenced by
 *   gcc 12's libstdc++.a. The flag is 0, "maybe several threads", so libstdc++ keeps its atomic
 *   reference counts (glibc 2.17 would never clear a 1 when a thread starts). The two random
 *   sources use the getrandom system call (kernel 3.17) and read /dev/urandom where it fails
 *   with ENOSYS (kernel 3.10).
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_getrandom
#define SYS_getrandom 318 /* x86_64 */
#endif

#define HIDDEN __attribute__((visibility("hidden")))

#ifndef NODE_RECONFIG_BUILD
#error "build-release.sh defines NODE_RECONFIG_BUILD"
#endif

extern int node_reconfig_main(int argc, char **argv);
extern void node_reconfig_set_build(const char *description); /* Platform.swift */

int main(int argc, char **argv) {
    node_reconfig_set_build(NODE_RECONFIG_BUILD);
    return node_reconfig_main(argc, argv);
}

HIDDEN char __libc_single_threaded = 0;

/* Fills buf with len random bytes: getrandom, or /dev/urandom when the kernel lacks it. */
static int random_bytes(void *buf, size_t len) {
    unsigned char *p = buf;
    while (len > 0) {
        long got = syscall(SYS_getrandom, p, len, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0 && errno == ENOSYS) break;
        if (got < 0) return -1;
        p += got;
        len -= (size_t)got;
    }
    if (len == 0) return 0;
    int fd;
    do fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC); while (fd < 0 && errno == EINTR);
    if (fd < 0) return -1;
    while (len > 0) {
        ssize_t got = read(fd, p, len);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) { close(fd); errno = EIO; return -1; }
        p += got;
        len -= (size_t)got;
    }
    close(fd);
    return 0;
}

HIDDEN int getentropy(void *buf, size_t len) {
    if (len > 256) { errno = EIO; return -1; }
    return random_bytes(buf, len);
}

HIDDEN uint32_t arc4random(void) {
    uint32_t value;
    if (random_bytes(&value, sizeof value) != 0) abort();
    return value;
}
