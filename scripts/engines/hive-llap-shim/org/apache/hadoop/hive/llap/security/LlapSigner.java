/*
 * Interface-only stand-in for org.apache.hadoop.hive.llap.security.LlapSigner
 * (Apache Hive 2.3, module hive-llap-common), for the local Spark Thrift Server
 * of scripts/engines/start_spark.sh. Nothing here is ever called.
 *
 * Why: Spark 4 stopped shipping hive-llap-common (SPARK-51029), but Hive's
 * built-in FunctionRegistry still names the get_splits UDTF, whose class refers
 * to LlapSigner.Signable. The Thrift Server initializes that registry when it
 * closes some sessions; without this type the class initialization fails with
 * NoClassDefFoundError and the client's CloseSession call errors, which fails a
 * dbt node at random. With the type present the registry initializes. The only
 * function that could reach these signatures, get_splits, serves Hive LLAP and
 * is not used by this project.
 *
 * Point MTA_SPARK_HIVE_LLAP_JAR at the real hive-llap-common-2.3.10.jar to use
 * it instead.
 */
package org.apache.hadoop.hive.llap.security;

public interface LlapSigner {
  /** A message that can be signed. */
  interface Signable {
    void setSignInfo(int masterKeyId);

    byte[] serialize() throws java.io.IOException;
  }

  /** A serialized message and its signature. */
  final class SignedMessage {
    public byte[] message;
    public byte[] signature;
  }

  SignedMessage serializeAndSign(Signable message) throws java.io.IOException;

  void checkSignature(byte[] message, byte[] signature, int keyId);

  void close();
}
