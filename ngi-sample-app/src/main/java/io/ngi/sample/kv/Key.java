package io.ngi.sample.kv;

import java.util.Arrays;

/**
 * A key of the store: its bytes (never changed after construction) and their hash.
 */
final class Key {

	private final byte[] bytes;

	private final int hash;

	Key(byte[] bytes) {
		this.bytes = bytes;
		this.hash = Arrays.hashCode(bytes);
	}

	byte[] bytes() {
		return this.bytes;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Key key && this.hash == key.hash && Arrays.equals(this.bytes, key.bytes);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return new String(this.bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
	}

}
