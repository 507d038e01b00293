#!/usr/bin/env bash
# Writes a compilable reduction of Tajo's TAJO-1469 (the QueryMaster allocation that times out and
# leaks what the allocation thread grants later) into $3, from the git mirror $1 at commit $2.
# The methods of the bug are copied verbatim from the mirror at run time: allocateQueryMaster,
# allocateWorkerResources, the request and allocation-thread classes, chooseWorkers and
# releaseWorkerResource of TajoWorkerResourceManager, with WorkerResource, CallFuture and
# DefaultRpcController whole. What they use from Hadoop, protobuf-generated code and the rest of
# Tajo is stubbed below (signatures only), so no unpublished artifact is needed.
set -euo pipefail
repo=$1 commit=$2 out=$3
show() { git --git-dir="$repo" show "$commit:$1"; }
rm -rf "$out" && mkdir -p "$out"
write() { mkdir -p "$out/$(dirname "$1")" && cat > "$out/$1"; }

manager=tajo-core/src/main/java/org/apache/tajo/master/rm/TajoWorkerResourceManager.java
show tajo-core/src/main/java/org/apache/tajo/master/rm/WorkerResource.java \
  | write org/apache/tajo/master/rm/WorkerResource.java
show tajo-rpc/tajo-rpc-protobuf/src/main/java/org/apache/tajo/rpc/CallFuture.java \
  | write org/apache/tajo/rpc/CallFuture.java
show tajo-rpc/tajo-rpc-protobuf/src/main/java/org/apache/tajo/rpc/DefaultRpcController.java \
  | write org/apache/tajo/rpc/DefaultRpcController.java
{
  cat <<'JAVA'
package org.apache.tajo.master.rm;

import com.google.common.collect.Maps;
import com.google.protobuf.RpcCallback;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.tajo.QueryId;
import org.apache.tajo.ipc.ContainerProtocol;
import org.apache.tajo.ipc.QueryCoordinatorProtocol.*;
import org.apache.tajo.master.QueryInProgress;
import org.apache.tajo.rpc.CallFuture;
import org.apache.tajo.util.ApplicationIdUtils;
import java.util.*;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

public class TajoWorkerResourceManager implements WorkerResourceManager {
  private static final Log LOG = LogFactory.getLog(TajoWorkerResourceManager.class);
  static AtomicInteger containerIdSeq = new AtomicInteger(0);
  private TajoRMContext rmContext = new TajoRMContext();
  private WorkerResourceAllocationThread workerResourceAllocator;
  private BlockingQueue<WorkerResourceRequest> requestQueue;
  private AtomicBoolean stopped = new AtomicBoolean(false);
  private ConcurrentMap<ContainerProtocol.TajoContainerIdProto, AllocatedWorkerResource> allocatedResourceMap =
      Maps.newConcurrentMap();

  public void serviceInit() {
    requestQueue = new LinkedBlockingDeque<WorkerResourceRequest>();
    workerResourceAllocator = new WorkerResourceAllocationThread();
    workerResourceAllocator.start();
  }

  private WorkerResourceAllocationRequest createQMResourceRequest(QueryId queryId) {
    return new WorkerResourceAllocationRequest();
  }

JAVA
  show "$manager" | sed -n '210,352p'
  show "$manager" | sed -n '353,519p'
  echo "}"
} | write org/apache/tajo/master/rm/TajoWorkerResourceManager.java

write org/apache/tajo/master/rm/WorkerResourceManager.java <<'JAVA'
package org.apache.tajo.master.rm;

import com.google.protobuf.RpcCallback;
import org.apache.tajo.ipc.ContainerProtocol;
import org.apache.tajo.ipc.QueryCoordinatorProtocol.*;
import org.apache.tajo.master.QueryInProgress;

public interface WorkerResourceManager {
  WorkerAllocatedResource allocateQueryMaster(QueryInProgress queryInProgress);
  void allocateWorkerResources(WorkerResourceAllocationRequest request,
      RpcCallback<WorkerResourceAllocationResponse> callBack);
  void releaseWorkerResource(ContainerProtocol.TajoContainerIdProto containerId);
}
JAVA
write org/apache/tajo/master/rm/TajoRMContext.java <<'JAVA'
package org.apache.tajo.master.rm;

import java.util.*;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tajo.QueryId;
import org.apache.tajo.ipc.ContainerProtocol;

public class TajoRMContext {
  public Map<Integer, Worker> getWorkers() { return new HashMap<Integer, Worker>(); }
  public Set<QueryId> getStoppedQueryIds() { return new HashSet<QueryId>(); }
  public ConcurrentMap<QueryId, ContainerProtocol.TajoContainerIdProto> getQueryMasterContainer() {
    return new ConcurrentHashMap<QueryId, ContainerProtocol.TajoContainerIdProto>();
  }
}
JAVA
write org/apache/tajo/master/rm/Worker.java <<'JAVA'
package org.apache.tajo.master.rm;

public class Worker {
  public WorkerResource getResource() { return new WorkerResource(); }
  public WorkerConnectionInfo getConnectionInfo() { return new WorkerConnectionInfo(); }
}
JAVA
write org/apache/tajo/master/rm/WorkerConnectionInfo.java <<'JAVA'
package org.apache.tajo.master.rm;

public class WorkerConnectionInfo {
  public String getHost() { return "localhost"; }
  public int getPeerRpcPort() { return 0; }
  public Object getProto() { return null; }
}
JAVA
write org/apache/tajo/master/rm/TajoWorkerContainerId.java <<'JAVA'
package org.apache.tajo.master.rm;

import org.apache.tajo.ipc.ContainerProtocol;

public class TajoWorkerContainerId {
  public void setApplicationAttemptId(Object id) {}
  public void setId(int id) {}
  public ContainerProtocol.TajoContainerIdProto getProto() { return new ContainerProtocol.TajoContainerIdProto(); }
}
JAVA
write org/apache/tajo/QueryId.java <<'JAVA'
package org.apache.tajo;

public class QueryId {
  public QueryId(Object proto) {}
}
JAVA
write org/apache/tajo/master/QueryInProgress.java <<'JAVA'
package org.apache.tajo.master;

import org.apache.tajo.QueryId;

public class QueryInProgress {
  public QueryId getQueryId() { return new QueryId(null); }
}
JAVA
write org/apache/tajo/util/ApplicationIdUtils.java <<'JAVA'
package org.apache.tajo.util;

import org.apache.tajo.QueryId;

public final class ApplicationIdUtils {
  public static Object createApplicationAttemptId(QueryId queryId) { return queryId; }
}
JAVA
write org/apache/hadoop/yarn/api/records/NodeId.java <<'JAVA'
package org.apache.hadoop.yarn.api.records;

public class NodeId {
  public static NodeId newInstance(String host, int port) { return new NodeId(); }
}
JAVA
write org/apache/tajo/ipc/ContainerProtocol.java <<'JAVA'
package org.apache.tajo.ipc;

public final class ContainerProtocol {
  public static final class TajoContainerIdProto {}
}
JAVA
write org/apache/tajo/ipc/QueryCoordinatorProtocol.java <<'JAVA'
package org.apache.tajo.ipc;

import java.util.ArrayList;
import java.util.List;

public final class QueryCoordinatorProtocol {
  public enum ResourceRequestPriority { MEMORY, DISK }

  public static final class WorkerResourceAllocationRequest {
    public Object getQueryId() { return null; }
    public ResourceRequestPriority getResourceRequestPriority() { return ResourceRequestPriority.MEMORY; }
    public int getNumContainers() { return 1; }
    public int getMinMemoryMBPerContainer() { return 1; }
    public int getMaxMemoryMBPerContainer() { return 1; }
    public float getMinDiskSlotPerContainer() { return 1; }
    public float getMaxDiskSlotPerContainer() { return 1; }
  }

  public static final class WorkerAllocatedResource {
    public ContainerProtocol.TajoContainerIdProto getContainerId() { return null; }
    public static Builder newBuilder() { return new Builder(); }
    public static final class Builder {
      public Builder setContainerId(ContainerProtocol.TajoContainerIdProto id) { return this; }
      public Builder setConnectionInfo(Object info) { return this; }
      public Builder setAllocatedMemoryMB(int memory) { return this; }
      public Builder setAllocatedDiskSlots(float slots) { return this; }
      public WorkerAllocatedResource build() { return new WorkerAllocatedResource(); }
    }
  }

  public static final class WorkerResourceAllocationResponse {
    public List<WorkerAllocatedResource> getWorkerAllocatedResourceList() { return new ArrayList<>(); }
    public WorkerAllocatedResource getWorkerAllocatedResource(int index) { return null; }
    public static Builder newBuilder() { return new Builder(); }
    public static final class Builder {
      public Builder setQueryId(Object id) { return this; }
      public Builder addAllWorkerAllocatedResource(List<WorkerAllocatedResource> all) { return this; }
      public WorkerResourceAllocationResponse build() { return new WorkerResourceAllocationResponse(); }
    }
  }
}
JAVA
