//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package storage

import "syscall"

// writable says whether this process may write path, as the kernel decides
// it: permissions, a read-only mount, an immutable file (which even root
// may not write).
func writable(path string) error {
	const wOK = 2 // W_OK
	return syscall.Access(path, wOK)
}
