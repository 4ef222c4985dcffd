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

/**
 * A value of the store and its expiry. A value array is never changed in place (a new
 * value is a new array), so replies may send it by reference. Guarded by the store's
 * lock.
 */
final class Entry {

	/** {@link #expiresAt} of a key that does not expire. */
	static final long PERSISTENT = -1;

	byte[] value;

	/**
	 * When the key expires, in milliseconds of the store's clock, or {@link #PERSISTENT}.
	 */
	long expiresAt;

	Entry(byte[] value, long expiresAt) {
		this.value = value;
		this.expiresAt = expiresAt;
	}

	/**
	 * Returns whether the key has expired at {@code now}: as in Redis, a key is still
	 * there at its expiry time and gone one millisecond later.
	 */
	boolean expiredAt(long now) {
		return this.expiresAt != PERSISTENT && now > this.expiresAt;
	}

}
