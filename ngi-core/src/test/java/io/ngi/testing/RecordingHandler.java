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

package io.ngi.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;

/**
 * A test handler that records its calls as text, for asserting order.
 */
class RecordingHandler implements ConnectionHandler {

	final List<String> events = new ArrayList<>();

	@Override
	public void handleInput(Connection connection, byte[] data) throws Exception {
		this.events.add("input " + new String(data, StandardCharsets.ISO_8859_1));
	}

	@Override
	public void handleClose(Connection connection, String reason) {
		this.events.add("close " + reason);
	}

	@Override
	public void handleException(Connection connection, Exception exception) throws Exception {
		this.events.add("exception " + exception.getMessage());
	}

}
