package io.sloscout.flink.embed;

import io.sloscout.core.search.TemplateDocument;
import io.sloscout.proto.v1.Event;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes each template on to be embedded once, keyed by template id: the state remembers the text
 * that was embedded, so the thousands of events of a template cost one model call, and a template
 * whose text generalised (the miner widened it) is embedded again with its new text.
 */
public final class EmbedOnceFunction extends KeyedProcessFunction<String, Event, TemplateDocument> {

  private static final long serialVersionUID = 1L;

  private transient ValueState<String> embedded;
  private transient Counter templates;

  @Override
  public void open(OpenContext context) {
    embedded = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.STRING));
    templates = getRuntimeContext().getMetricGroup().counter("templatesToEmbed");
  }

  @Override
  public void processElement(Event event, Context ctx, Collector<TemplateDocument> out)
      throws Exception {
    String template = event.getTemplate();
    if (template.equals(embedded.value())) {
      return;
    }
    embedded.update(template);
    templates.inc();
    out.collect(new TemplateDocument(event.getTemplateId(), template, event.getService()));
  }
}
