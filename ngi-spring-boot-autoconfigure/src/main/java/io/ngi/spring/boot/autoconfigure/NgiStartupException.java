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

package io.ngi.spring.boot.autoconfigure;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.ngi.NgiException;

/**
 * Thrown when the NGI listeners of an application context cannot be configured or
 * started: a bean of the wrong type, a missing or invalid address, a duplicate name, an
 * address already in use. The message describes the problem and names the bean;
 * {@link #action()} tells the user how to fix it, and Spring Boot's failure analysis
 * prints both.
 */
final class NgiStartupException extends NgiException {

	private final String action;

	/**
	 * Creates an exception.
	 * @param description what went wrong, naming the listener and bean
	 * @param action how to fix it
	 * @param cause the underlying failure, if any
	 */
	NgiStartupException(String description, String action, @Nullable Throwable cause) {
		super(Objects.requireNonNull(description, "description"), cause);
		this.action = Objects.requireNonNull(action, "action");
	}

	/**
	 * Returns how to fix the problem.
	 * @return the advice
	 */
	String action() {
		return this.action;
	}

}
