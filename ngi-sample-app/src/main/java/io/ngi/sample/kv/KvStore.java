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

import java.time.Clock;
import java.util.HashMap;

import org.jspecify.annotations.Nullable;

/**
 * The keys and values, shared by every connection of the {@code kv} listener, with their
 * expiry and the memory bound.
 * <p>
 * <b>Concurrency.</b> Connections live on several loop threads, so the store has one
 * lock, its own monitor: each command runs whole under it ({@code synchronized (store)}),
 * which makes every command atomic, as in single-threaded Redis (an {@code MSET} is never
 * seen half done, {@code INCR} never loses an update). The methods below assume the
 * caller holds it. A command's work under the lock is a hash lookup and a few copies;
 * parsing and writing replies happen outside it.
 * <p>
 * <b>Expiry.</b> Times are milliseconds of the implementation's {@link Clock} (virtual in
 * tests). An expired key is removed when it is next looked up, and by {@link #sweep},
 * which {@link ExpirySweeper} runs on a timer, so keys nobody reads do not pile up.
 * <p>
 * <b>Memory.</b> Each entry is charged its key and value lengths plus
 * {@link #ENTRY_OVERHEAD} (an estimate of the JVM objects behind it). A write that would
 * pass {@code maxKeys} or {@code maxBytes} is refused with an {@code -OOM} error before
 * it changes anything ({@link #admits}), so the heap never runs out on the store's
 * account.
 */
final class KvStore {

	/**
	 * Bytes charged per entry besides its key and value: map node, key, entry, array
	 * headers.
	 */
	static final int ENTRY_OVERHEAD = 112;

	private final HashMap<Key, Entry> entries = new HashMap<>();

	private final ExpiryQueue expiries = new ExpiryQueue();

	private final Clock clock;

	private final long maxKeys;

	private final long maxBytes;

	private long usedBytes;

	private int expiring;

	/**
	 * Makes an empty store.
	 * @param clock the clock expiry times are read from
	 * @param maxKeys the most keys held
	 * @param maxBytes the most bytes charged
	 */
	KvStore(Clock clock, long maxKeys, long maxBytes) {
		if (maxKeys <= 0) {
			throw new IllegalArgumentException("maxKeys must be > 0: " + maxKeys);
		}
		if (maxBytes <= 0) {
			throw new IllegalArgumentException("maxBytes must be > 0: " + maxBytes);
		}
		this.clock = clock;
		this.maxKeys = maxKeys;
		this.maxBytes = maxBytes;
	}

	/** Returns the time now, in milliseconds of the store's clock. */
	long now() {
		return this.clock.millis();
	}

	/**
	 * Returns the entry of a key, removing it first if it has expired.
	 * @param key the key
	 * @param now the time
	 * @return the live entry, or {@code null}
	 */
	@Nullable Entry lookup(Key key, long now) {
		Entry entry = this.entries.get(key);
		if (entry != null && entry.expiredAt(now)) {
			remove(key);
			return null;
		}
		return entry;
	}

	/**
	 * Returns whether a write that adds {@code keys} keys and {@code bytes} charged bytes
	 * (negative when it frees some) fits the bounds. A write that adds nothing always
	 * fits.
	 * @param keys keys added
	 * @param bytes bytes added
	 * @return {@code null} if it fits, else the {@code -OOM} error to answer
	 */
	@Nullable String admits(long keys, long bytes) {
		if (keys > 0 && this.entries.size() + keys > this.maxKeys) {
			return "OOM command not allowed: the store holds its maximum of " + this.maxKeys
					+ " keys (ngi.sample.kv.max-keys)";
		}
		if (bytes > 0 && this.usedBytes + bytes > this.maxBytes) {
			return "OOM command not allowed when used memory > 'maxmemory'.";
		}
		return null;
	}

	/**
	 * Sets a key's value and expiry, replacing what it had.
	 * @param key the key
	 * @param value the value, never changed afterwards
	 * @param expiresAt when it expires, or {@link Entry#PERSISTENT}
	 */
	void put(Key key, byte[] value, long expiresAt) {
		Entry entry = this.entries.get(key);
		if (entry == null) {
			this.entries.put(key, new Entry(value, Entry.PERSISTENT));
			this.usedBytes += cost(key.bytes(), value);
			expire(key, this.entries.get(key), expiresAt);
			return;
		}
		this.usedBytes += value.length - entry.value.length;
		entry.value = value;
		expire(key, entry, expiresAt);
	}

	/**
	 * Replaces a live entry's value and keeps its expiry ({@code INCR}).
	 * @param entry the entry
	 * @param value the new value
	 */
	void replace(Entry entry, byte[] value) {
		this.usedBytes += value.length - entry.value.length;
		entry.value = value;
	}

	/**
	 * Sets or removes an entry's expiry.
	 * @param key its key
	 * @param entry the entry
	 * @param expiresAt when it expires, or {@link Entry#PERSISTENT}
	 */
	void expire(Key key, Entry entry, long expiresAt) {
		boolean was = entry.expiresAt != Entry.PERSISTENT;
		boolean is = expiresAt != Entry.PERSISTENT;
		entry.expiresAt = expiresAt;
		this.expiring += (is ? 1 : 0) - (was ? 1 : 0);
		if (is) {
			this.expiries.add(key, expiresAt, this.expiring, this.entries);
		}
	}

	/**
	 * Removes a key.
	 * @param key the key
	 * @return whether it was there (expired or not)
	 */
	boolean remove(Key key) {
		Entry entry = this.entries.remove(key);
		if (entry == null) {
			return false;
		}
		this.usedBytes -= cost(key.bytes(), entry.value);
		if (entry.expiresAt != Entry.PERSISTENT) {
			this.expiring--;
		}
		return true;
	}

	/**
	 * Removes up to {@code max} keys that have expired at {@code now}.
	 * @param now the time
	 * @param max the most keys to remove in this call, to bound the time the lock is held
	 * @return how many were removed
	 */
	int sweep(long now, int max) {
		int removed = 0;
		while (removed < max) {
			Key key = this.expiries.pollDue(now, this.entries);
			if (key == null) {
				break;
			}
			remove(key);
			removed++;
		}
		return removed;
	}

	/** Removes every key. */
	void clear() {
		this.entries.clear();
		this.expiries.clear();
		this.usedBytes = 0;
		this.expiring = 0;
	}

	/**
	 * Returns how many keys are held, including expired ones not removed yet (as Redis
	 * counts).
	 */
	int size() {
		return this.entries.size();
	}

	/** Returns the bytes charged for the keys held. */
	long usedBytes() {
		return this.usedBytes;
	}

	/** Returns how many deadlines the expiry queue holds (for tests). */
	int pendingDeadlines() {
		return this.expiries.size();
	}

	long maxKeys() {
		return this.maxKeys;
	}

	long maxBytes() {
		return this.maxBytes;
	}

	/**
	 * Returns what an entry is charged.
	 * @param key the key's bytes
	 * @param value the value
	 * @return the bytes charged
	 */
	static long cost(byte[] key, byte[] value) {
		return ENTRY_OVERHEAD + (long) key.length + value.length;
	}

}
