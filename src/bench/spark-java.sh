# Sourced by the Spark bench scripts (run from the top of the checkout): builds the Spark module
# and its class path as the launcher does for -Dengine=spark, and defines spark_java, which
# runs a class of it with spark/jvm.options, a 3 GB heap (SPARK_HEAP to change) and Spark on
# loopback. MVN_FLAGS (e.g. -o) go to Maven.
cp_file="$PWD/target/spark-classpath.txt"
echo "[bench] building the Spark module (mvn -q ${MVN_FLAGS:-} -pl spark -am compile)" >&2
mvn -q ${MVN_FLAGS:-} -pl spark -am compile dependency:build-classpath \
  -Dmdep.includeScope=compile -Dmdep.outputFile="$cp_file" >&2
spark_cp="$PWD/spark/target/classes:$(cat "$cp_file")"
mapfile -t spark_opts < <(grep -v -e '^#' -e '^[[:space:]]*$' spark/jvm.options)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

spark_java() {
  java "${spark_opts[@]}" "-Xmx${SPARK_HEAP:-3g}" -cp "$spark_cp" "$@"
}

# spark_java pinned to the CPUs $1 (taskset -c list): the JVM, its GC and libtorch see only them
pinned_spark_java() {
  local cpus="$1"
  shift
  taskset -c "$cpus" java "${spark_opts[@]}" "-Xmx${SPARK_HEAP:-3g}" -cp "$spark_cp" "$@"
}
