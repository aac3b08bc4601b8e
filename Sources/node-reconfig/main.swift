import NodeReconfigCore
print("node-reconfig")
