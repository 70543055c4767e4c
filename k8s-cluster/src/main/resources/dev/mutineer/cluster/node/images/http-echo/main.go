// The workload server of mutineer's real nodes. Every answer names who served it, one line per hop:
//
//	pod=frontend-5d9c-x2 namespace=shop workload=frontend version=1.4.2
//	pod=backend-7f4b-q8 namespace=shop workload=backend version=2.3.1
//
// so that a client can tell when a Service sent it to another workload's pods (its endpoints still
// match its selector). The values come from the environment, set through the downward API: WORKLOAD
// from the pod's label at its start, so a pod relabelled later still names the workload it came from.
//
//	PORT        where to listen (default 8080)
//	UPSTREAM    a URL (e.g. a backend Service): each request fetches it and appends its lines; any
//	            failure of the upstream answers 502, so a backend's failure reaches the frontend's clients
//	REQUIRE_ENV comma-separated settings that must be set and non-empty (from a ConfigMap or Secret):
//	            while one is missing the pod is not ready (/healthz) and every request answers 503
//
// /healthz is the readiness probe (the settings, not the upstream: a backend outage must not take the
// frontend's pods out of their Service), /livez the liveness probe (the process serves).
// Run with arguments (a Job's args, e.g. "migrate --to=latest") it does that task once and exits:
// 0 when the required settings are present, 1 otherwise.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

func main() {
	answer := fmt.Sprintf("pod=%s namespace=%s workload=%s version=%s\n",
		os.Getenv("POD_NAME"), os.Getenv("POD_NAMESPACE"), os.Getenv("WORKLOAD"), os.Getenv("VERSION"))
	missing := missingSettings(os.Getenv("REQUIRE_ENV"))
	if len(os.Args) > 1 {
		os.Exit(task(answer, missing, os.Args[1:]))
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	upstream := os.Getenv("UPSTREAM")
	// One connection per upstream request, as the traffic generator does: kube-proxy balances connections.
	// The upstream gets half the generator's default timeout (1 s), so that an unreachable backend (a
	// Service without endpoints drops packets here) reaches the client as this 502, not as its own timeout.
	client := &http.Client{Timeout: 500 * time.Millisecond, Transport: &http.Transport{DisableKeepAlives: true, Proxy: nil}}

	http.HandleFunc("/livez", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, answer)
	})
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if missing != "" {
			http.Error(w, answer+"missing settings: "+missing, http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, answer)
	})
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		if missing != "" {
			http.Error(w, answer+"missing settings: "+missing, http.StatusServiceUnavailable)
			return
		}
		if upstream == "" {
			fmt.Fprint(w, answer)
			return
		}
		resp, err := client.Get(upstream)
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprintf(w, "%supstream %s: %v\n", answer, upstream, err)
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		if err != nil || resp.StatusCode != http.StatusOK {
			w.WriteHeader(http.StatusBadGateway)
		}
		fmt.Fprintf(w, "%s%s", answer, body)
	})
	if err := http.ListenAndServe(":"+port, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// missingSettings names the required settings that are unset or empty, comma-separated ("" when none).
func missingSettings(required string) string {
	var missing []string
	for _, name := range strings.Split(required, ",") {
		if name = strings.TrimSpace(name); name != "" && os.Getenv(name) == "" {
			missing = append(missing, name)
		}
	}
	return strings.Join(missing, ",")
}

// task is a Job's run: say who ran what, succeed only with every required setting.
func task(answer, missing string, args []string) int {
	fmt.Printf("%stask: %s\n", answer, strings.Join(args, " "))
	if missing != "" {
		fmt.Fprintln(os.Stderr, "missing settings: "+missing)
		return 1
	}
	return 0
}
