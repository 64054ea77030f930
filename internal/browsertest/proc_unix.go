//go:build unix

package browsertest

import (
	"os/exec"
	"syscall"
)

// Chromium starts helper processes; a process group lets stop end them all.
func setGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
