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

package io.ngi.adapters;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ForwardingConnection;

/**
 * The documentation's own "sized messages" adapter for the word-count example: each
 * message is its length in decimal, a newline, then the bytes. Output, and everything
 * else, passes through ({@link ForwardingConnection}). A test-local port of the doc
 * example, not the library's {@link Sized}.
 */
final class NewlineSized extends ForwardingConnection implements ConnectionHandler {

	private @Nullable ConnectionHandler handler;

	private String input = "";

	private int count = -1;

	NewlineSized(Connection connection) {
		super(connection);
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		this.handler = handler;
		super.setHandler(this);
	}

	@Override
	public void handleInput(Connection connection, byte[] data) throws Exception {
		this.input += new String(data, StandardCharsets.ISO_8859_1);
		while (true) {
			if (this.count < 0) {
				int newline = this.input.indexOf('\n');
				if (newline < 0) {
					return;
				}
				this.count = Integer.parseInt(this.input.substring(0, newline));
				this.input = this.input.substring(newline + 1);
			}
			if (this.input.length() < this.count) {
				return;
			}
			String message = this.input.substring(0, this.count);
			this.input = this.input.substring(this.count);
			this.count = -1;
			Objects.requireNonNull(this.handler).handleInput(this, message.getBytes(StandardCharsets.ISO_8859_1));
		}
	}

	@Override
	public void handleClose(Connection connection, String reason) {
		Objects.requireNonNull(this.handler).handleClose(this, reason);
	}

}
