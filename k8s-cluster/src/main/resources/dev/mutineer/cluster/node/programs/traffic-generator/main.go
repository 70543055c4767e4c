// The client of mutineer's real workload: sends GET requests to one URL (a Service's ClusterIP, so
// through kube-proxy; no DNS, no proxy) at a steady pace and writes one JSON line per completed second
// to -out, as the Java side's ClientSecond reads it:
//
//	{"epochSecond":1764590000,"sent":20,"succeeded":19,"errors":{"TIMEOUT":1},"p50Micros":2100,"p99Micros":5400}
//
// Each request opens its own connection (kube-proxy balances connections, not requests) and has its
// own timeout. It ends as a success, or one ClientError: REFUSED, TIMEOUT, HTTP_5XX, WRONG_WORKLOAD
// (a hop's workload= differs from -expect, in order; see http-echo) or OTHER. A second is written once
// it is over and every request sent in it has ended, so its counts are final; lines stay in order.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
)

type second struct {
	sent, succeeded, pending int
	errors                   map[string]int
	micros                   []int64 // latencies of the successes
}

type line struct {
	EpochSecond int64          `json:"epochSecond"`
	Sent        int            `json:"sent"`
	Succeeded   int            `json:"succeeded"`
	Errors      map[string]int `json:"errors"`
	P50Micros   int64          `json:"p50Micros"`
	P99Micros   int64          `json:"p99Micros"`
}

func main() {
	url := flag.String("url", "", "the URL to request, e.g. http://10.96.0.12:80/")
	rate := flag.Int("rate", 20, "requests per second")
	timeout := flag.Duration("timeout", time.Second, "timeout of one request")
	expect := flag.String("expect", "", "the workload expected at each hop, comma-separated (empty: any)")
	out := flag.String("out", "", "the file the seconds are appended to")
	flag.Parse()
	if *url == "" || *out == "" || *rate < 1 {
		fmt.Fprintln(os.Stderr, "usage: traffic-generator -url URL -out FILE [-rate N] [-timeout D] [-expect a,b]")
		os.Exit(2)
	}
	file, err := os.OpenFile(*out, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var expected []string
	if *expect != "" {
		expected = strings.Split(*expect, ",")
	}
	client := &http.Client{Timeout: *timeout, Transport: &http.Transport{DisableKeepAlives: true, Proxy: nil}}
	fmt.Fprintf(os.Stderr, "traffic-generator: %d/s to %s, timeout %s, expecting %v\n", *rate, *url, *timeout, expected)

	var mu sync.Mutex
	seconds := map[int64]*second{}
	go flush(&mu, seconds, file)

	// Requests at start + i*interval from a second's boundary: every second gets exactly rate requests.
	// After a stall the missed slots are skipped rather than sent in a burst.
	interval := time.Second / time.Duration(*rate)
	start := time.Now().Truncate(time.Second).Add(time.Second)
	for i := int64(0); ; i++ {
		at := start.Add(time.Duration(i) * interval)
		if behind := time.Since(at); behind > interval {
			i += int64(behind / interval)
			continue
		}
		time.Sleep(time.Until(at))
		mu.Lock()
		s := seconds[at.Unix()]
		if s == nil {
			s = &second{errors: map[string]int{}}
			seconds[at.Unix()] = s
		}
		s.sent++
		s.pending++
		mu.Unlock()
		go func() {
			cause, micros := request(client, *url, expected)
			mu.Lock()
			defer mu.Unlock()
			s.pending--
			if cause == "" {
				s.succeeded++
				s.micros = append(s.micros, micros)
			} else {
				s.errors[cause]++
			}
		}()
	}
}

// request sends one request and returns its error cause ("" on success) and latency in microseconds.
func request(client *http.Client, url string, expected []string) (string, int64) {
	t0 := time.Now()
	resp, err := client.Get(url)
	if err != nil {
		return transportCause(err), 0
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if err != nil {
		return transportCause(err), 0
	}
	micros := time.Since(t0).Microseconds()
	switch {
	case resp.StatusCode >= 500:
		return "HTTP_5XX", 0
	case resp.StatusCode != http.StatusOK:
		return "OTHER", 0
	}
	return answerCause(string(body), expected), micros
}

func transportCause(err error) string {
	var netErr net.Error
	switch {
	case errors.As(err, &netErr) && netErr.Timeout():
		return "TIMEOUT"
	// Refused: kube-proxy rejects a Service without endpoints; reset, closed or unreachable: the pod went away.
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EHOSTUNREACH),
		errors.Is(err, syscall.ENETUNREACH), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "REFUSED"
	}
	return "OTHER"
}

// answerCause checks the hops of a 200 answer (lines "pod=... workload=..."): "" when they name the
// expected workloads in order, WRONG_WORKLOAD when not, OTHER for an answer without hops.
func answerCause(body string, expected []string) string {
	var workloads []string
	for _, l := range strings.Split(body, "\n") {
		if !strings.HasPrefix(l, "pod=") {
			continue
		}
		w := ""
		for _, field := range strings.Fields(l) {
			if v, ok := strings.CutPrefix(field, "workload="); ok {
				w = v
			}
		}
		workloads = append(workloads, w)
	}
	if len(workloads) == 0 {
		return "OTHER"
	}
	if expected != nil && strings.Join(workloads, ",") != strings.Join(expected, ",") {
		return "WRONG_WORKLOAD"
	}
	return ""
}

// flush writes, oldest first, every second that is over and whose requests have all ended.
func flush(mu *sync.Mutex, seconds map[int64]*second, file *os.File) {
	for range time.Tick(100 * time.Millisecond) {
		now := time.Now().Unix()
		mu.Lock()
		keys := make([]int64, 0, len(seconds))
		for k := range seconds {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		var done []line
		for _, k := range keys {
			s := seconds[k]
			if k >= now || s.pending > 0 {
				break
			}
			done = append(done, summary(k, s))
			delete(seconds, k)
		}
		mu.Unlock()
		for _, l := range done {
			b, _ := json.Marshal(l)
			if _, err := file.Write(append(b, '\n')); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	}
}

func summary(epoch int64, s *second) line {
	sort.Slice(s.micros, func(i, j int) bool { return s.micros[i] < s.micros[j] })
	return line{EpochSecond: epoch, Sent: s.sent, Succeeded: s.succeeded, Errors: s.errors,
		P50Micros: percentile(s.micros, 50), P99Micros: percentile(s.micros, 99)}
}

// percentile by nearest rank over sorted values; -1 for none.
func percentile(sorted []int64, p int) int64 {
	if len(sorted) == 0 {
		return -1
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 * n)
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}
