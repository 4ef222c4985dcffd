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

package io.ngi.blocking;

import java.io.IOException;
import java.io.InputStream;

/**
 * The input stream of a {@link BlockingConnection}: reads wait for input, up to the
 * connection's read timeout.
 */
final class BlockingInputStream extends InputStream {

	private final BlockingConnection owner;

	private final StreamHandler handler;

	BlockingInputStream(BlockingConnection owner, StreamHandler handler) {
		this.owner = owner;
		this.handler = handler;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int count = this.handler.read(one, 0, 1, this.owner.readTimeout());
		return (count < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		return this.handler.read(buffer, offset, length, this.owner.readTimeout());
	}

	@Override
	public int available() throws IOException {
		return this.handler.available();
	}

	@Override
	public void close() {
		this.owner.close();
	}

	@Override
	public String toString() {
		return "InputStream of " + this.owner;
	}

}
