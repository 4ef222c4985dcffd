package io.ngi.sample.finger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query lines as RFC 1288 writes them.
 */
class FingerQueryTests {

	@Test
	void parsesEveryFormOfTheRfc() {
		assertThat(FingerQuery.parse("")).isEqualTo(new FingerQuery(false, "", null));
		assertThat(FingerQuery.parse("alice")).isEqualTo(new FingerQuery(false, "alice", null));
		assertThat(FingerQuery.parse("/W")).isEqualTo(new FingerQuery(true, "", null));
		assertThat(FingerQuery.parse("/W  alice ")).isEqualTo(new FingerQuery(true, "alice", null));
		assertThat(FingerQuery.parse("/Walice")).isEqualTo(new FingerQuery(false, "/Walice", null));
		assertThat(FingerQuery.parse("alice@host")).isEqualTo(new FingerQuery(false, "alice", "host"));
		assertThat(FingerQuery.parse("/W @a@b")).isEqualTo(new FingerQuery(true, "", "a@b"));
	}

	@Test
	void writesTheLineItWasParsedFrom() {
		for (String line : new String[] { "", "alice", "/W", "/W alice", "alice@host", "/W @host" }) {
			assertThat(FingerQuery.parse(line).toLine()).isEqualTo(line);
		}
	}

}
