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

package io.ngi;

/**
 * Accepts server connections; implemented by applications. A server is called once for
 * each connection a {@link Listener} accepts, and normally calls
 * {@link Connection#setHandler}.
 * <p>
 * An exception closes only that connection, never the listener.
 *
 * {@snippet :
 * Listener listener = implementation.listen(address, connection -> connection.setHandler(new Echo()));
 * }
 */
@FunctionalInterface
public interface Server {

	/**
	 * Takes a newly accepted connection.
	 * @param connection the connection
	 * @throws Exception to close the connection as a handler error
	 */
	void connected(Connection connection) throws Exception;

}
