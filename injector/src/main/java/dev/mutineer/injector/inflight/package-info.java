/**
 * In-flight injection: faults on the channel between the API server and etcd.
 *
 * <p>{@link dev.mutineer.injector.inflight.EtcdInterposer} relays every etcd gRPC call, byte for
 * byte, from the API server to etcd; before the local cluster's etcd it speaks mutual TLS on both sides (the
 * cluster hands it etcd's access and a serving certificate of etcd's CA). {@link dev.mutineer.injector.inflight.InflightRules} (from
 * {@code interposer.rules()}) takes {@link dev.mutineer.injector.inflight.Rule}s while it runs:
 * <pre>
 * EtcdInterposer interposer = new EtcdInterposer();
 * LocalCluster cluster = new LocalCluster().withEtcdInterposer(interposer::start).start();
 * // a lost update: the first Deployment write is answered "success" and never reaches etcd
 * interposer.rules().install(Rule.of(id, Selector.writesOf("Deployment"), Count.nth(1), new Action.DropWrite()));
 * // pod events held back from the API server's watch cache for six minutes
 * interposer.rules().install(Rule.of(id, Selector.watchOf("Pod"), Count.every(), new Action.HoldWatch())
 *         .activeFor(Duration.ofMinutes(6)));
 * ActiveRule ended = interposer.rules().clear(id);   // forgotten by the rules; or let the window end
 * ended.evidence();                                 // what it did, with keys and revisions
 * cluster.close(); interposer.close();               // the caller owns the interposer
 * </pre>
 * Campaign faults (operator name and text parameters, e.g. {@code hold-watch kind=Pod window=6m})
 * are {@link dev.mutineer.injector.fault.InflightFault}s, registered in {@link dev.mutineer.injector.fault.Faults}.
 * Counting ({@link dev.mutineer.injector.inflight.Count}) is per matching request; for watch
 * rules, per watch response that carries a matching event.
 */
package dev.mutineer.injector.inflight;
