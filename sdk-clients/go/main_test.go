package caravan_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// repoRoot is the Caravan repository this module lives in (sdk-clients/go).
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// devServer is one `caravan dev` started from the repository's sources on a free port and a temporary
// data dir, shared by the tests that need a live Caravan and stopped by TestMain.
type devServer struct {
	URL      string
	AdminKey string
	DataDir  string
	cmd      *exec.Cmd
}

var (
	devOnce sync.Once
	dev     *devServer
	devErr  error
)

func startedDev(t *testing.T) *devServer {
	t.Helper()
	devOnce.Do(func() { dev, devErr = startDev() })
	if devErr != nil {
		t.Fatalf("caravan dev did not start: %v", devErr)
	}
	return dev
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func startDev() (*devServer, error) {
	dataDir, err := os.MkdirTemp("", "caravan-go-sdk-")
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	node := os.Getenv("NODE")
	if node == "" {
		node = "node"
	}
	cmd := exec.Command(node, "--conditions=caravan-source", "--import", "tsx", "api/src/cli/caravan.ts",
		"dev", "--data-dir", dataDir)
	cmd.Dir = repoRoot()
	// The admin key is set by the environment, which overrides the one `caravan dev` generates.
	key := make([]byte, 24)
	_, _ = rand.Read(key)
	adminKey := "cadm_test_" + hex.EncodeToString(key)
	cmd.Env = append(os.Environ(), fmt.Sprintf("CARAVAN_PORT=%d", port), "CARAVAN_ADMIN_KEY="+adminKey,
		"CARAVAN_LOG_LEVEL=warn", "CARAVAN_DESTINATION_PLUGINS=@caravan/destination-aws-sqs")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &devServer{DataDir: dataDir, cmd: cmd, AdminKey: adminKey}
	listening := regexp.MustCompile(`is listening on (\S+)`)
	ready := make(chan error, 1)
	go func() {
		scanner := bufio.NewScanner(out)
		for scanner.Scan() {
			line := scanner.Text()
			if m := listening.FindStringSubmatch(line); m != nil {
				s.URL = m[1]
				ready <- nil
				break
			}
		}
		_, _ = io.Copy(io.Discard, out)
		ready <- fmt.Errorf("caravan dev exited before printing its URL")
	}()
	select {
	case err := <-ready:
		if err != nil {
			s.stop()
			return nil, err
		}
	case <-time.After(90 * time.Second):
		s.stop()
		return nil, fmt.Errorf("caravan dev did not print its URL within 90 s")
	}
	if !strings.HasPrefix(s.URL, "http") {
		s.stop()
		return nil, fmt.Errorf("caravan dev printed no URL")
	}
	return s, nil
}

func (s *devServer) stop() {
	if s.cmd.Process != nil {
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}
	_ = os.RemoveAll(s.DataDir)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if dev != nil {
		dev.stop()
	}
	os.Exit(code)
}

// waitFor polls cond until it holds, or fails the test after timeout.
func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}
