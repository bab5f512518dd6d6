#!/usr/bin/env bash
# Start (or stop) a local Spark Thrift Server for `dbt build --target spark`.
#
# Usage:
#   scripts/engines/start_spark.sh start BUILD_DIR   # prints `export MTA_SPARK_...` lines for the profile
#   scripts/engines/start_spark.sh stop  BUILD_DIR   # stops the server by the PID it wrote
#
# Uses the Spark that the pyspark wheel carries (requirements-engines.txt)
# with the Python in PYTHON (default .venv/bin/python) and Java 17 on PATH.
# Runs `local[N]` (MTA_SPARK_CORES, default 2) on 127.0.0.1, port
# MTA_SPARK_PORT (default: a free one), with the warehouse, the Derby
# metastore and the logs in BUILD_DIR/spark. Waits until the port answers,
# then checks that Hive's function registry initializes on the server (see
# hive-llap-shim/). Installs Debian's `openjdk-17-jdk-headless` when `java` or
# `javac` is missing from PATH (as root, or with sudo).
#
# Spark 4 no longer ships hive-llap-common, which Hive's function registry
# needs; without it the server fails a session close now and then. Put the
# real jar in MTA_SPARK_HIVE_LLAP_JAR, or let this script compile the
# interface-only shim in hive-llap-shim/ (needs javac).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
action=${1:?usage: start_spark.sh start|stop BUILD_DIR}
build_dir=$(mkdir -p "${2:?usage: start_spark.sh start|stop BUILD_DIR}" && cd "$2" && pwd)
spark_dir="$build_dir/spark"
pid_file="$spark_dir/server.pid"

if [[ "$action" == stop ]]; then
    if [[ -f "$pid_file" ]]; then
        pid=$(cat "$pid_file")
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
        fi
        rm -f "$pid_file"
        echo "spark thrift server stopped (pid $pid)" >&2
    fi
    exit 0
elif [[ "$action" != start ]]; then
    echo "unknown action $action" >&2; exit 2
fi

if ! command -v java >/dev/null || { [[ -z "${MTA_SPARK_HIVE_LLAP_JAR:-}" ]] && ! command -v javac >/dev/null; }; then
    echo "installing openjdk-17-jdk-headless (apt-get)" >&2
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    $sudo apt-get update -qq >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless >&2
fi

python=${PYTHON:-.venv/bin/python}
spark_home=$("$python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
port=${MTA_SPARK_PORT:-$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
ui_port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$spark_dir/warehouse" "$spark_dir/derby" "$spark_dir/tmp"

llap_jar=${MTA_SPARK_HIVE_LLAP_JAR:-}
if [[ -z "$llap_jar" ]]; then
    shim_src="$script_dir/hive-llap-shim"
    llap_jar="$spark_dir/hive-llap-shim.jar"
    rm -rf "$spark_dir/hive-llap-shim"
    javac --release 17 -d "$spark_dir/hive-llap-shim" "$shim_src"/org/apache/hadoop/hive/llap/security/*.java
    jar cf "$llap_jar" -C "$spark_dir/hive-llap-shim" .
fi

export SPARK_HOME="$spark_home" SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$python"
# spark-submit in the foreground of a background subshell: the PID we keep is the JVM's.
cd "$spark_dir"
nohup "$spark_home/bin/spark-submit" \
    --class org.apache.spark.sql.hive.thriftserver.HiveThriftServer2 \
    --master "local[${MTA_SPARK_CORES:-2}]" \
    --name mta-thrift-server \
    --driver-memory "${MTA_SPARK_DRIVER_MEMORY:-2g}" \
    --conf spark.ui.port="$ui_port" \
    --conf spark.sql.warehouse.dir="$spark_dir/warehouse" \
    --conf spark.local.dir="$spark_dir/tmp" \
    --conf spark.driver.extraClassPath="$llap_jar" \
    --conf spark.driver.extraJavaOptions="-Dderby.system.home=$spark_dir/derby -Djava.io.tmpdir=$spark_dir/tmp" \
    --conf spark.sql.shuffle.partitions="${MTA_SPARK_SHUFFLE_PARTITIONS:-4}" \
    --conf spark.sql.session.timeZone=UTC \
    --conf spark.sql.catalogImplementation=hive \
    --hiveconf hive.server2.thrift.bind.host=127.0.0.1 \
    --hiveconf hive.server2.thrift.port="$port" \
    --hiveconf javax.jdo.option.ConnectionURL="jdbc:derby:;databaseName=$spark_dir/derby/metastore_db;create=true" \
    spark-internal >"$spark_dir/server.log" 2>&1 &
echo $! >"$pid_file"

for _ in $(seq 1 240); do
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        echo "spark thrift server died; see $spark_dir/server.log" >&2; tail -20 "$spark_dir/server.log" >&2; exit 1
    fi
    if "$python" -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1', $port)))" 2>/dev/null; then
        echo "spark thrift server started on 127.0.0.1:$port (pid $(cat "$pid_file"))" >&2
        # The class the server loads when a session close needs Hive's function registry.
        if ! "$python" - "$port" <<'PROBE' >&2
import re, sys
from pyhive import hive
cursor = hive.connect(host="127.0.0.1", port=int(sys.argv[1]), username="mta").cursor()
try:
    cursor.execute("select reflect('java.lang.Class', 'forName', 'org.apache.hadoop.hive.ql.exec.FunctionRegistry')")
    cursor.fetchall()
except Exception as error:  # the server's text names the missing class
    causes = re.findall(r"(?:NoClassDefFoundError|ClassNotFoundException|ExceptionInInitializerError)[^'\\,]*", str(error))
    sys.exit("Hive's function registry does not initialize on this Spark server ("
             + ("; ".join(dict.fromkeys(causes)) or str(error)[:1000])
             + "). Set MTA_SPARK_HIVE_LLAP_JAR to a hive-llap-common 2.3 jar, or unset it to use hive-llap-shim/.")
PROBE
        then
            echo "see $spark_dir/server.log" >&2
            bash "$script_dir/start_spark.sh" stop "$build_dir"; exit 1
        fi
        echo "export MTA_SPARK_HOST=127.0.0.1 MTA_SPARK_PORT=$port"
        exit 0
    fi
    sleep 1
done
echo "spark thrift server did not open port $port in 240 s; see $spark_dir/server.log" >&2
exit 1
