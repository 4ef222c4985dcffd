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
