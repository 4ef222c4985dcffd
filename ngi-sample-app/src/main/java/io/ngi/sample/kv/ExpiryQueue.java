/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.sample.kv;

import java.util.Map;
import java.util.PriorityQueue;

import org.jspecify.annotations.Nullable;

/**
 * The keys that have an expiry, ordered by it, for the store's active sweep. Changing or
 * removing a key's expiry leaves its old deadline in the queue; a deadline is acted on
 * only if the key still has exactly that expiry, and stale deadlines are purged when they
 * outnumber the live ones, so the queue stays within twice the number of expiring keys
 * (plus a constant). Guarded by the store's lock.
 */
final class ExpiryQueue {

	private static final int PURGE_SLACK = 1024;

	private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>();

	/**
	 * Records that {@code key} expires at {@code at}.
	 * @param key the key
	 * @param at its expiry
	 * @param expiring how many keys have an expiry now
	 * @param entries the store's entries, to purge stale deadlines from
	 */
	void add(Key key, long at, int expiring, Map<Key, Entry> entries) {
		this.deadlines.add(new Deadline(at, key));
		if (this.deadlines.size() > 2 * expiring + PURGE_SLACK) {
			this.deadlines.removeIf((deadline) -> isStale(deadline, entries));
		}
	}

	/**
	 * Removes and returns the first deadline at or before {@code now} that is still the
	 * expiry of its key, skipping stale ones.
	 * @param now the time
	 * @param entries the store's entries
	 * @return the key, or {@code null} when none is due
	 */
	@Nullable Key pollDue(long now, Map<Key, Entry> entries) {
		while (true) {
			Deadline first = this.deadlines.peek();
			if (first == null || first.at() >= now) {
				return null;
			}
			this.deadlines.poll();
			if (!isStale(first, entries)) {
				return first.key();
			}
		}
	}

	int size() {
		return this.deadlines.size();
	}

	void clear() {
		this.deadlines.clear();
	}

	private static boolean isStale(Deadline deadline, Map<Key, Entry> entries) {
		Entry entry = entries.get(deadline.key());
		return entry == null || entry.expiresAt != deadline.at();
	}

	private record Deadline(long at, Key key) implements Comparable<Deadline> {

		@Override
		public int compareTo(Deadline other) {
			return Long.compare(this.at, other.at);
		}

	}

}
