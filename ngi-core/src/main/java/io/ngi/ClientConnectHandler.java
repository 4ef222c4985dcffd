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
 * Receives the outcome of {@link Implementation#connect}; implemented by applications.
 * <p>
 * Exactly one of {@code connected} and {@code failedConnect} is called, once, on the
 * implementation's loop thread (NIO) or inside the {@code connect} call (testing).
 */
public interface ClientConnectHandler {

	/**
	 * Called when the connection is established; normally calls
	 * {@link Connection#setHandler}. An exception closes the connection.
	 * @param connection the new connection
	 * @throws Exception to close the connection as a handler error
	 */
	void connected(Connection connection) throws Exception;

	/**
	 * Called when the connection could not be made.
	 * @param reason why, for example {@code "ECONNREFUSED"} or {@code "no such server"}
	 */
	void failedConnect(String reason);

	/**
	 * Called when the connection could not be made, with the typed reason. This is the
	 * method implementations call; the default calls {@link #failedConnect(String)} with
	 * {@link CloseReason#text()}.
	 * @param reason why, for example of kind {@link CloseReason.Kind#REFUSED}
	 */
	default void failedConnect(CloseReason reason) {
		failedConnect(reason.text());
	}

}
