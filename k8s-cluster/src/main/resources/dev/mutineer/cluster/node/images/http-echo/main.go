// The workload server of mutineer's real nodes: answers every request with the pod, namespace and
// version that served it (from the environment, set through the downward API), so that a client
// can tell which workload answered. Listens on $PORT (default 8080).
package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	answer := fmt.Sprintf("pod=%s namespace=%s version=%s\n", os.Getenv("POD_NAME"), os.Getenv("POD_NAMESPACE"), os.Getenv("VERSION"))
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, answer)
	})
	if err := http.ListenAndServe(":"+port, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
