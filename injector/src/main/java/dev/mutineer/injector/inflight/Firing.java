package dev.mutineer.injector.inflight;

import java.time.Instant;

/**
 * One thing a rule did: the evidence an injection's report shows.
 *
 * @param revision etcd revision involved (the event's mod revision, the revision a fabricated
 *                 answer claimed), or 0
 * @param effect   one line a person reads: "dropped write; answered success at revision 812"
 */
public record Firing(Instant at, String ruleId, String method, String key, long revision, String effect) {
}
