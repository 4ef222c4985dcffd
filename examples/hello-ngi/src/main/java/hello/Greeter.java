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

package hello;

import java.nio.charset.StandardCharsets;

import io.ngi.Connection;
import io.ngi.Server;
import io.ngi.adapters.Lines;
import io.ngi.spring.annotation.NgiServer;

/**
 * Greets each name it is sent, one per line. The line limit is the listener's
 * ({@code ngi.servers.hello.max-line-length}): {@code new Lines(connection)} takes it.
 */
@NgiServer(name = "hello", address = "127.0.0.1:7200")
public class Greeter implements Server {

	@Override
	public void connected(Connection connection) {
		new Lines(connection).setHandler((lines, name) -> lines
			.write("Hello, " + new String(name, StandardCharsets.UTF_8).strip() + "!\n"));
	}

}
