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
 * A connection could not be made. Thrown by imperative client handlers and the blocking
 * helpers, carrying the reason given to {@link ClientConnectHandler#failedConnect}.
 */
public class ConnectionFailedException extends NgiException {

	/**
	 * Why the connection could not be made, as given to
	 * {@link ClientConnectHandler#failedConnect} (part of the serialized form).
	 */
	private final String reason;

	/**
	 * Creates an exception for a failed connect.
	 * @param reason the reason, also the message
	 */
	public ConnectionFailedException(String reason) {
		super(reason);
		this.reason = reason;
	}

	/**
	 * Returns why the connection could not be made.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

}
