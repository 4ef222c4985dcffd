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

import java.net.SocketAddress;
import java.util.Objects;

/**
 * A socket address that is only a name, for the testing implementation. Equal when the
 * names are equal; {@code toString()} is the name.
 */
final class NamedAddress extends SocketAddress {

	private static final long serialVersionUID = 1L;

	private final String name;

	NamedAddress(String name) {
		this.name = Objects.requireNonNull(name, "name");
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof NamedAddress named) && this.name.equals(named.name);
	}

	@Override
	public int hashCode() {
		return this.name.hashCode();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
