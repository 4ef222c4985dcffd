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

package io.ngi.spring.boot.test.sample;

import java.nio.charset.StandardCharsets;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.spring.annotation.NgiServer;

/**
 * A handler with a bug: it throws on every input.
 */
@NgiServer(name = "failing", address = "127.0.0.1:0")
public class FailingServer implements ConnectionHandler {

	@Override
	public void handleInput(Connection connection, byte[] data) {
		throw new IllegalStateException("cannot handle " + new String(data, StandardCharsets.UTF_8));
	}

}
