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
