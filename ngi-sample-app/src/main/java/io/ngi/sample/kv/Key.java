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
