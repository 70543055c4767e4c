// The workload server of mutineer's real nodes: answers every request with the pod, namespace and
// version that served it (from the environment, set through the downward API), so that a client
// can tell which workload answered. Listens on $PORT (default 8080).
//
// With $UPSTREAM set (a URL, e.g. a backend Service), it is a frontend: each request also fetches
// UPSTREAM and appends its answer, and answers 502 when the upstream fails, so that a backend's
// failure reaches the frontend's clients. /healthz answers for the server alone (probes).
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	answer := fmt.Sprintf("pod=%s namespace=%s version=%s\n", os.Getenv("POD_NAME"), os.Getenv("POD_NAMESPACE"), os.Getenv("VERSION"))
	upstream := os.Getenv("UPSTREAM")
	client := &http.Client{Timeout: 2 * time.Second}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, answer)
	})
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
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
		body, err := io.ReadAll(resp.Body)
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
