package io.ngi.adapters;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import io.ngi.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the points at which the byte stream is cut, the adapters deliver exactly the
 * messages that were framed, in order.
 */
class FramingPropertyTests {

	@Property(tries = 300)
	void sizedDeliversTheOriginalMessagesWhereverTheStreamIsCut(@ForAll("messages") List<byte[]> messages,
			@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 5000) Integer> cuts) throws Exception {
		CapturingConnection sender = new CapturingConnection();
		Sized framing = new Sized(sender);
		for (byte[] message : messages) {
			framing.write(message);
		}
		List<byte[]> received = feed(new Sized(new CapturingConnection()), sender.written.toByteArray(), cuts);
		assertThat(received).containsExactlyElementsOf(messages);
	}

	@Property(tries = 300)
	void sizedWriteLinesFramesLikeWrite(@ForAll("messages") List<byte[]> messages) {
		CapturingConnection one = new CapturingConnection();
		messages.forEach(new Sized(one)::write);
		CapturingConnection lazy = new CapturingConnection();
		new Sized(lazy).writeLines(messages);
		ByteArrayOutputStream pulled = new ByteArrayOutputStream();
		lazy.writeLines.forEach((iterable) -> iterable.forEach(pulled::writeBytes));
		assertThat(pulled.toByteArray()).isEqualTo(one.written.toByteArray());
	}

	@Property(tries = 300)
	void linesDeliversTheOriginalLinesWhereverTheStreamIsCut(@ForAll("lines") List<byte[]> lines,
			@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 5000) Integer> cuts) throws Exception {
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		for (byte[] line : lines) {
			stream.writeBytes(line);
			stream.write('\n');
		}
		List<byte[]> received = feed(new Lines(new CapturingConnection()), stream.toByteArray(), cuts);
		assertThat(received).containsExactlyElementsOf(lines);
	}

	@Provide
	Arbitrary<List<byte[]>> messages() {
		return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).list().ofMaxSize(20);
	}

	@Provide
	Arbitrary<List<byte[]>> lines() {
		return Arbitraries.bytes().filter((b) -> b != '\n').array(byte[].class).ofMaxSize(300).list().ofMaxSize(20);
	}

	private static List<byte[]> feed(AbstractAdapter adapter, byte[] stream, List<Integer> cuts) throws Exception {
		List<byte[]> received = new ArrayList<>();
		adapter.setHandler((connection, data) -> received.add(data));
		Connection wrapped = adapter.connection();
		TreeSet<Integer> points = new TreeSet<>();
		for (int cut : cuts) {
			if (cut > 0 && cut < stream.length) {
				points.add(cut);
			}
		}
		points.add(stream.length);
		int start = 0;
		for (int point : points) {
			if (point > start) {
				adapter.handleInput(wrapped, Arrays.copyOfRange(stream, start, point));
				start = point;
			}
		}
		return received;
	}

}
