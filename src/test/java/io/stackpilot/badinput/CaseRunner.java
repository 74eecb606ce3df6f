package io.stackpilot.badinput;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.render.Labels;
import io.stackpilot.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one case: creates its objects through the API server, judges each answer, waits for the
 * operator's report on what was accepted, and deletes it all again (claims too), so that the
 * namespace holds only the cases in flight however many run.
 */
final class CaseRunner {

  private final KubernetesClient client;
  private final String namespace;
  private final ApiWriter writer;
  private final StatusWatch statuses;
  private final Duration patience;

  CaseRunner(TestCluster cluster, StatusWatch statuses, Duration patience) {
    this.client = cluster.client();
    this.namespace = cluster.namespace();
    this.writer = new ApiWriter(cluster);
    this.statuses = statuses;
    this.patience = patience;
  }

  List<Outcome> run(FuzzCase fuzzCase) {
    Map<FuzzCase.FuzzObject, ApiAnswer> answers = new LinkedHashMap<>();
    fuzzCase.objects().forEach(object -> answers.put(object, writer.create(object)));
    boolean allAccepted = answers.values().stream().allMatch(ApiAnswer::accepted);
    // A cycle is only a cycle when all of its members made it in.
    boolean wantInvalid = fuzzCase.expectInvalid() && allAccepted;
    long deadline = System.nanoTime() + patience.toNanos();
    List<Outcome> outcomes = new ArrayList<>();
    try {
      answers.forEach(
          (object, answer) ->
              outcomes.add(
                  answer.accepted()
                      ? judgeReport(fuzzCase, object, wantInvalid, deadline)
                      : judgeRejection(fuzzCase, object, answer)));
    } finally {
      answers.forEach(
          (object, answer) -> {
            statuses.forget(object.kind(), object.name());
            if (answer.accepted()) {
              writer.delete(object.kind(), object.name());
              client
                  .persistentVolumeClaims()
                  .inNamespace(namespace)
                  .withLabel(Labels.SERVICE, object.name())
                  .delete();
            }
          });
    }
    return outcomes;
  }

  private static Outcome judgeRejection(
      FuzzCase fuzzCase, FuzzCase.FuzzObject object, ApiAnswer answer) {
    String said = answer.code() + " " + answer.message();
    if (answer.tooLarge()) {
      return new Outcome(fuzzCase, object, Verdict.REJECTED_AS_TOO_LARGE, said);
    }
    if (answer.refusedByTheDecoder()) {
      return new Outcome(fuzzCase, object, Verdict.REJECTED_BY_THE_JSON_DECODER, said);
    }
    return new Outcome(
        fuzzCase,
        object,
        answer.namesAField() ? Verdict.REJECTED_NAMING_THE_FIELD : Verdict.REJECTED_WITHOUT_A_FIELD,
        said);
  }

  private Outcome judgeReport(
      FuzzCase fuzzCase, FuzzCase.FuzzObject object, boolean wantInvalid, long deadline) {
    var reported =
        statuses.when(
            object.kind(),
            object.name(),
            wantInvalid ? OperatorReport::judgedInvalid : OperatorReport::judged);
    GenericKubernetesResource judged;
    try {
      judged = reported.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      var last = statuses.current(object.kind(), object.name());
      if (wantInvalid && last.filter(OperatorReport::judged).isPresent()) {
        return new Outcome(
            fuzzCase,
            object,
            Verdict.ACCEPTED_BUT_MISREPORTED,
            "expected Invalid, reported valid: " + (Object) last.get().get("status"));
      }
      return new Outcome(
          fuzzCase,
          object,
          Verdict.ACCEPTED_BUT_UNREPORTED,
          "no judgement within "
              + patience.toSeconds()
              + " s; last status: "
              + last.map(o -> (Object) o.get("status")).orElse(null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
    if (!OperatorReport.judgedInvalid(judged)) {
      return new Outcome(fuzzCase, object, Verdict.ACCEPTED_AND_REPORTED_VALID, "");
    }
    return OperatorReport.invalidReportProblem(object.kind(), judged)
        .map(problem -> new Outcome(fuzzCase, object, Verdict.ACCEPTED_BUT_MISREPORTED, problem))
        .orElseGet(
            () ->
                new Outcome(
                    fuzzCase, object, Verdict.ACCEPTED_AND_REPORTED_INVALID, findings(judged)));
  }

  /** What the operator said: a service's validation errors, a stack's ConfigValid message. */
  private static String findings(GenericKubernetesResource judged) {
    Object errors = judged.get("status", "validation", "errors");
    return errors != null
        ? errors.toString()
        : OperatorReport.configValid(judged).map(c -> String.valueOf(c.get("message"))).orElse("");
  }
}
