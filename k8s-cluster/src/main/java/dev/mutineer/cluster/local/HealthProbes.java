package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.Poll;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Asks each component's own health endpoint whether it is well, as the cluster admin. */
final class HealthProbes {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ComponentPorts ports;
    private final HttpClient http;
    private final HttpClient etcdHttp;
    private final Map<Component, String> lastAnswer = new ConcurrentHashMap<>();

    /** {@code admin} opens the Kubernetes components, {@code etcd} etcd (a certificate of etcd's own CA). */
    HealthProbes(ComponentPorts ports, SSLContext admin, SSLContext etcd) {
        this.ports = ports;
        this.http = client(admin);
        this.etcdHttp = client(etcd);
    }

    private static HttpClient client(SSLContext tls) {
        // HTTP/1.1: JDK 17's HTTP/2 client keeps failing with "GOAWAY received" once a probed component restarted.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).connectTimeout(TIMEOUT).build();
    }

    /** The endpoint that answers 200 when the component is well: /readyz for the API server, else /health(z). */
    static URI url(Component c, ComponentPorts ports) {
        return URI.create(switch (c) {
            case ETCD -> "https://127.0.0.1:" + ports.etcd() + "/health";
            case APISERVER -> "https://127.0.0.1:" + ports.apiserver() + "/readyz";
            case CONTROLLER_MANAGER, SCHEDULER -> "https://127.0.0.1:" + ports.of(c) + "/healthz";
            case KWOK -> "http://127.0.0.1:" + ports.kwok() + "/healthz";
            case CONTAINERD, KUBELET, KUBE_PROXY -> throw new IllegalArgumentException(c.binary() + " runs on a real node (RealNode checks it)");
        });
    }

    boolean healthy(Component c) {
        try {
            HttpResponse<String> r = (c == Component.ETCD ? etcdHttp : http).send(HttpRequest.newBuilder(url(c, ports)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            lastAnswer.put(c, r.statusCode() + " " + r.body());
            return r.statusCode() == 200;
        } catch (IOException e) {
            lastAnswer.put(c, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the component answers healthy; fails at once, with its log, when its process exits. */
    void await(ComponentProcess p, long deadlineNanos) {
        Component c = p.component();
        try {
            Poll.until(c.binary() + " healthy", deadlineNanos, () -> {
                if (p.state() == ComponentState.DOWN) {
                    throw new IllegalStateException(c.binary() + " exited during start-up\n--- " + c.binary()
                            + " log (" + p.log() + ") ---\n" + p.logTail(30));
                }
                return healthy(c);
            });
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (last health answer: " + lastAnswer.get(c) + ")", e);
        }
    }
}
